using Scion.Graph;
using Scion.Pipelines;

namespace Scion.Host.Bench;

/// <summary>
/// A synthetic 50-task graph for measuring the host's own overhead (Bench target): task i reads the
/// outputs of tasks i-1 and i/2, so the graph is deep and has joins. Built in code, one class for all 50.
/// </summary>
public sealed class HostBenchPipeline : Pipeline<HostBenchContext>
{
    public const int Size = 50;
    public const string Target = "HostBench50";

    public override string Name => "HostBench";

    public override IEnumerable<TaskDefinition> CreateTasks()
    {
        var steps = new List<BenchStep>();
        for (int i = 0; i < Size; i++)
        {
            var upstream = i == 0 ? [] : new[] { steps[i - 1], steps[i / 2] }.Distinct().ToList();
            var step = new BenchStep(i, upstream);
            steps.Add(step);
            yield return TaskDefinition.Create(step.Name, step, upstream.Select(u => u.Name), "synthetic host-overhead step");
        }
    }
}
