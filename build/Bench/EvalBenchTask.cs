using Scion.Host.Dev;
using Scion.Parameters;
using Scion.Tasks;

namespace Scion.Host.Bench;

[TaskName("BenchEval")]
[TaskDescription("FD of two 50,000×1024 sets and PRDC of two 10,000×1024 sets: time, peak memory and values side by side with numpy/scipy/sklearn")]
public sealed class EvalBenchTask : AsyncPipelineTask<DevContext>
{
    public override bool Cacheable => false;

    public override IEnumerable<IParameter> Reads => [DevParameters.BenchEvalSamples];

    public override async Task RunAsync(DevContext context)
    {
        foreach (string line in await new EvalBenchmark(context).RunAsync())
        {
            context.Log.Information(line);
        }
    }
}
