using System.Diagnostics;
using Scion.Host.Dev;

namespace Scion.Host.Bench;

/// <summary>
/// Wall time of a fully cached rerun of the 50-task graph against <c>./build.sh --version</c>, both run
/// as child processes through build.sh, alternated in one run so that machine noise hits both alike.
/// </summary>
internal sealed class HostOverheadBenchmark(DevContext context)
{
    public async Task<IReadOnlyList<string>> RunAsync()
    {
        string root = Workspace.Root;
        string cache = Path.Combine(context.ScratchPath, "cache");
        string reports = Path.Combine(context.ScratchPath, "reports");
        string[] rerun = [$"--target={HostBenchPipeline.Target}", $"--cache-dir={cache}", $"--reports-dir={reports}", "--verbosity=quiet"];
        string[] version = ["--version"];

        if (await Time(root, rerun) is var (first, code) && code != 0)
        {
            throw new InvalidOperationException($"The first (cold) run of {HostBenchPipeline.Target} failed with exit code {code}.");
        }
        else
        {
            context.Log.Information($"cold run of the 50-task graph: {first.TotalMilliseconds:0} ms");
        }

        int repeats = context.Get(DevParameters.BenchRepeats);
        var cached = new List<double>();
        var baseline = new List<double>();
        await Time(root, version); // warm the file cache for both commands
        for (int i = 0; i < repeats; i++)
        {
            baseline.Add((await Time(root, version)).Elapsed.TotalMilliseconds);
            cached.Add((await Time(root, rerun)).Elapsed.TotalMilliseconds);
        }

        double c = Median(cached), b = Median(baseline), ratio = c / b;
        context.Metric("host.cached_rerun_ms", c, "ms");
        context.Metric("host.version_ms", b, "ms");
        context.Metric("host.cached_rerun_ratio", ratio, "x");
        return
        [
            $"host overhead: cached rerun of 50 tasks {c:0} ms, ./build.sh --version {b:0} ms (medians of {repeats})",
            $"host overhead ratio: {ratio:0.00}x (target <= 1.5x) {(ratio <= 1.5 ? "MET" : "MISSED")}",
        ];
    }

    private async Task<(TimeSpan Elapsed, int Exit)> Time(string root, string[] args)
    {
        var watch = Stopwatch.StartNew();
        int exit = await ChildProcess.RunAsync(Path.Combine(root, "build.sh"), args, root, _ => { }, context.Cancellation);
        return (watch.Elapsed, exit);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
