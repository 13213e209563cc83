using Scion.Host.Dev;
using Scion.Parameters;
using Scion.Tasks;

namespace Scion.Host.Bench;

[TaskName("Bench")]
[TaskDescription("Benchmarks of the host: cached 50-task rerun vs ./build.sh --version, Parquet throughput (prints ratios)")]
public sealed class BenchTask : AsyncPipelineTask<DevContext>
{
    public override bool Cacheable => false;

    public override IEnumerable<IParameter> Reads => [DevParameters.BenchRepeats, DevParameters.BenchParquetRows];

    public override async Task RunAsync(DevContext context)
    {
        var lines = new List<string>();
        lines.AddRange(await new HostOverheadBenchmark(context).RunAsync());
        lines.AddRange(await new ParquetBenchmark(context).RunAsync());
        foreach (string line in lines)
        {
            context.Log.Information(line);
        }
    }
}
