using System.Diagnostics;
using System.Text.Json;
using Scion.Eval.Metrics;
using Scion.Eval.Statistics;
using Scion.Host.Dev;
using static TorchSharp.torch;

namespace Scion.Host.Bench;

/// <summary>
/// FD (two N×1024 sets, N = 50,000 by default) and PRDC (two 10,000×1024 subsets, k = 5) computed by Scion and by the
/// Python reference (eval_reference.py: numpy + scipy.linalg.sqrtm, sklearn pairwise distances) on the same .npy
/// files, one after the other in one run: time, peak resident memory, values, and the ratios.
/// </summary>
public sealed class EvalBenchmark(DevContext context)
{
    private const int Dimension = 1024;
    private const int PrdcSamples = 10_000;

    public async Task<List<string>> RunAsync()
    {
        int n = context.Get(DevParameters.BenchEvalSamples);
        string folder = context.ScratchPath;
        var (a, b) = Features(n);
        string pathA = Path.Combine(folder, "a.npy"), pathB = Path.Combine(folder, "b.npy");
        string prdcA = Path.Combine(folder, "pa.npy"), prdcB = Path.Combine(folder, "pb.npy");
        int m = Math.Min(PrdcSamples, n);
        Npz.WriteNpy(pathA, NpyArray.Of(a));
        Npz.WriteNpy(pathB, NpyArray.Of(b));
        Npz.WriteNpy(prdcA, NpyArray.Of(a[..m]));
        Npz.WriteNpy(prdcB, NpyArray.Of(b[..m]));

        var lines = new List<string>();
        var (fd, fdSeconds, fdPeak) = Measure(() =>
        {
            using var sa = FeatureStatistics.Of(a, "bench");
            using var sb = FeatureStatistics.Of(b, "bench");
            return FrechetDistance.Compute(sa, sb);
        });
        var (pyFd, pyFdSeconds, pyFdPeak) = await Python("fd", pathA, pathB);
        double fdReference = pyFd.GetProperty("fd").GetDouble();
        lines.Add($"FD {n}×{Dimension}: Scion {fdSeconds:0.00} s, peak {fdPeak / 1e9:0.00} GB; numpy+scipy {pyFdSeconds:0.00} s, peak {pyFdPeak / 1e9:0.00} GB; " +
            $"time ratio {fdSeconds / pyFdSeconds:0.00}x");
        lines.Add($"  FD {fd:0.000000} vs {fdReference:0.000000} (relative difference {Math.Abs(fd - fdReference) / Math.Abs(fdReference):0.0e+0})");

        var (prdc, prdcSeconds, prdcPeak) = Measure(() => Prdc.Compute(a[..m], b[..m]));
        var (pyPrdc, pyPrdcSeconds, pyPrdcPeak) = await Python("prdc", prdcA, prdcB);
        var reference = new PrdcResult(pyPrdc.GetProperty("precision").GetDouble(), pyPrdc.GetProperty("recall").GetDouble(),
            pyPrdc.GetProperty("density").GetDouble(), pyPrdc.GetProperty("coverage").GetDouble());
        lines.Add($"PRDC {m}×{Dimension}: Scion {prdcSeconds:0.00} s, peak {prdcPeak / 1e9:0.00} GB; sklearn {pyPrdcSeconds:0.00} s, peak {pyPrdcPeak / 1e9:0.00} GB; " +
            $"time ratio {prdcSeconds / pyPrdcSeconds:0.00}x; {(prdc == reference ? "identical values" : "VALUES DIFFER")}");
        lines.Add($"  Scion  {prdc}");
        lines.Add($"  sklearn {reference}");

        context.Metric("fd_seconds", fdSeconds, "s");
        context.Metric("fd_time_ratio_vs_scipy", fdSeconds / pyFdSeconds);
        context.Metric("fd_peak_gb", fdPeak / 1e9, "GB");
        context.Metric("prdc_seconds", prdcSeconds, "s");
        context.Metric("prdc_time_ratio_vs_sklearn", prdcSeconds / pyPrdcSeconds);
        context.Metric("prdc_peak_gb", prdcPeak / 1e9, "GB");
        a.Dispose();
        b.Dispose();
        return lines;
    }

    /// <summary>Two correlated Gaussian feature sets with different means and covariances (seeded).</summary>
    private static (Tensor A, Tensor B) Features(int n)
    {
        manual_seed(0);
        using var mix = randn([Dimension, Dimension], dtype: float64) / Math.Sqrt(Dimension);
        var a = randn([n, Dimension], dtype: float64).matmul(mix);
        var b = (randn([n, Dimension], dtype: float64) * 1.1 + 0.05).matmul(mix);
        return (a, b);
    }

    /// <summary>Runs <paramref name="work"/> and returns its result, seconds, and the peak resident memory it reached
    /// (Linux: the process's high-water mark is reset first through /proc/self/clear_refs).</summary>
    private static (T Result, double Seconds, long PeakBytes) Measure<T>(Func<T> work)
    {
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        var watch = Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        return (result, watch.Elapsed.TotalSeconds, HighWaterMark());
    }

    private static long HighWaterMark()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private async Task<(JsonElement Result, double Seconds, long PeakBytes)> Python(string mode, string a, string b)
    {
        string script = Path.Combine(Workspace.Root, "build", "Bench", "eval_reference.py");
        var lines = new List<string>();
        int exit = await ChildProcess.RunAsync("/usr/bin/time", ["-f", "maxrss_kb=%M", "/usr/bin/python3", script, mode, a, b], Workspace.Root,
            line => { lock (lines) { lines.Add(line); } }, context.Cancellation);
        if (exit != 0)
        {
            throw new InvalidOperationException($"The Python reference failed ({exit}); it needs Debian's python3-numpy, python3-scipy and python3-sklearn " +
                $"(apt-get install python3-scipy python3-sklearn libopenblas0-pthread): {string.Join(" | ", lines.TakeLast(5))}");
        }

        var json = JsonDocument.Parse(lines.Last(l => l.StartsWith('{'))).RootElement;
        string rss = lines.Last(l => l.StartsWith("maxrss_kb=", StringComparison.Ordinal));
        return (json, json.GetProperty("seconds").GetDouble(), long.Parse(rss["maxrss_kb=".Length..], System.Globalization.CultureInfo.InvariantCulture) * 1024);
    }
}
