using Scion.Artifacts;
using Scion.Parameters;
using Scion.Tasks;

namespace Scion.Host.Dev;

[TaskName("Test")]
[TaskDescription("Builds and runs every test project; ends with 'N passed, N failed'")]
public sealed class TestTask : AsyncPipelineTask<DevContext>
{
    public override bool Cacheable => false;

    public override IEnumerable<IParameter> Reads => [DevParameters.TestFilter];

    public override Task RunAsync(DevContext context) => new TestRunner(context).RunAsync();
}
