using Scion.Artifacts;
using Scion.Tasks;

namespace Scion.Host.Bench;

/// <summary>One step of the synthetic graph: writes a small file derived from its inputs.</summary>
public sealed class BenchStep(int index, IReadOnlyList<BenchStep> upstream) : PipelineTask<HostBenchContext>
{
    private readonly Artifact output = Artifact.File("value.txt");

    public string Name { get; } = index == HostBenchPipeline.Size - 1 ? HostBenchPipeline.Target : $"HostBenchStep{index:00}";

    public override IEnumerable<Artifact> Inputs => upstream.Select(u => u.output);

    public override IEnumerable<Artifact> Outputs => [output];

    public override void Run(HostBenchContext context)
    {
        long sum = index + upstream.Sum(u => long.Parse(File.ReadAllText(context.InputPath(u.output)), System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(context.OutputPath(output), sum.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
