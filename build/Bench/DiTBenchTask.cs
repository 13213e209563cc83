using Scion.Host.Dev;
using Scion.Parameters;
using Scion.Tasks;

namespace Scion.Host.Bench;

[TaskName("BenchDiT")]
[TaskDescription("DiT training throughput and model-FLOPs utilisation (vs the matmul peak measured in the same run), forward latency at batch 2")]
public sealed class DiTBenchTask : PipelineTask<DevContext>
{
    public override bool Cacheable => false;

    public override IEnumerable<IParameter> Reads => [DevParameters.BenchRepeats];

    public override void Run(DevContext context)
    {
        foreach (string line in new DiTBenchmark(context).Run())
        {
            context.Log.Information(line);
        }
    }
}
