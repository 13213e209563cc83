using System.Diagnostics;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>
/// Whether bfloat16 products pay on this CPU, measured rather than read from its flags: a CPU may report
/// AVX512-BF16 and still multiply bfloat16 slower than float32 (one seen here: 166 against 292 GFLOP/s at 2048²,
/// where CPUs with AMX reach 880 against 200). Times one <see cref="Autocast.Linear(Tensor, Tensor, Tensor?)"/>,
/// casts included, in both precisions at the shape that dominates a model's step.
/// </summary>
public static class PrecisionProbe
{
    /// <summary>How much faster bfloat16 must be for <see cref="Choose"/> to take it: the product is only part of a
    /// step, and the casts around it cost element-wise passes the float32 step does not make.</summary>
    public const double Threshold = 1.2;

    /// <summary>float32 time ÷ bfloat16 time of <c>x · Wᵀ + b</c> with x [rows, inner] and W [outer, inner] on
    /// <paramref name="threads"/> threads (0 = as set now), each the median of <paramref name="repeats"/> runs taken in
    /// alternation, so that a slow moment hits both.</summary>
    public static double BFloat16Speedup(long rows, long inner, long outer, int threads = 0, int repeats = 20)
    {
        if (rows < 1 || inner < 1 || outer < 1 || repeats < 1)
        {
            // not ArgumentOutOfRange: that names one parameter, and the message shows all four
            throw new ArgumentException($"A probe needs a positive shape and repeat count (got [{rows}, {inner}] × [{outer}, {inner}], {repeats} repeats).");
        }

        using var threadCount = Scion.Torch.ThreadCount.Use(threads);
        return Measure(rows, inner, outer, repeats);
    }

    /// <summary>The probe at the shape that dominates training <paramref name="config"/>: <c>fc1</c> on one replica's share
    /// of a batch of <paramref name="batch"/> images, on that replica's share of the threads.</summary>
    public static double BFloat16Speedup(DiTConfig config, int batch, int replicas) =>
        BFloat16Speedup(Math.Max(1, batch / replicas) * (long)config.Tokens, config.Hidden, config.MlpHidden,
            threads: Math.Max(1, get_num_threads() / replicas));

    /// <summary>bfloat16 products when they are at least <see cref="Threshold"/>× faster than float32.</summary>
    public static bool Choose(double speedup) => speedup >= Threshold;

    private static double Measure(long rows, long inner, long outer, int repeats)
    {
        using var noGrad = no_grad();
        using var generator = new Generator(0);
        using var x = randn([rows, inner], generator: generator);
        using var w = randn([outer, inner], generator: generator);
        using var b = randn([outer], generator: generator);
        var float32 = new List<double>();
        var bfloat16 = new List<double>();
        for (int i = 0; i <= repeats; i++)
        {
            double f = Time(x, w, b, false), h = Time(x, w, b, true);
            if (i > 0)
            {
                // the first round warms up (oneDNN builds its kernels on first use)
                float32.Add(f);
                bfloat16.Add(h);
            }
        }

        return Median(float32) / Median(bfloat16);
    }

    private static double Time(Tensor x, Tensor w, Tensor b, bool inBFloat16)
    {
        using var scope = Autocast.BFloat16(inBFloat16);
        var watch = Stopwatch.StartNew();
        Autocast.Linear(x, w, b).Dispose();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
