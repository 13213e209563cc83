using System.Diagnostics;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using Scion.Host.Dev;
using static TorchSharp.torch;

namespace Scion.Host.Bench;

/// <summary>
/// Side by side in one run: the float32 matmul peak (2048²), then training throughput of the embedded teacher
/// (DiT-N/4) and DiT-S/2 at 32×32 with their model-FLOPs utilisation, and forward latency at batch 2.
/// </summary>
public sealed class DiTBenchmark(DevContext context)
{
    public IEnumerable<string> Run()
    {
        int repeats = context.Get(DevParameters.BenchRepeats);
        double peak = MatmulPeak(repeats);
        yield return $"float32 matmul peak (2048², median of {repeats}): {peak / 1e9:0.0} GFLOP/s";
        context.Metric("matmul_gflops", peak / 1e9, "GFLOP/s");
        foreach (var (name, batch, steps) in new[] { ("DiT-N/4", 64, 6), ("DiT-S/2", 8, 3) })
        {
            var config = DiTConfig.Named(name, 32, 3, 10);
            double perImage = 3 * ForwardFlops(config); // forward + backward ≈ 3 × forward
            double imagesPerSecond = TrainThroughput(config, batch, steps);
            double mfu = imagesPerSecond * perImage / peak;
            double latency = ForwardLatency(config, repeats);
            string key = name.Replace("/", "_", StringComparison.Ordinal);
            context.Metric($"{key}.train_images_per_s", imagesPerSecond, "img/s");
            context.Metric($"{key}.mfu", mfu);
            context.Metric($"{key}.forward_ms_batch2", latency * 1000, "ms");
            yield return $"{name} at 32×32 (batch {batch}): {imagesPerSecond:0.0} img/s training, {perImage / 1e9:0.00} GFLOP per image, " +
                $"MFU {mfu:P0}; forward at batch 2: {latency * 1000:0.0} ms";
        }
    }

    /// <summary>Matmul FLOPs of one forward pass of one image: token-wise linears, attention products, embedders per sample.</summary>
    public static double ForwardFlops(DiTConfig c)
    {
        double t = c.Tokens, d = c.Hidden;
        double perBlock = (t * 2 * d * ((3 * d) + d + (2 * c.MlpHidden))) + (2 * 2 * t * t * d) + (2 * d * 6 * d);
        double embed = (t * 2 * c.InChannels * c.Patch * c.Patch * d) + (2 * 256 * d) + (2 * d * d);
        double final = (t * 2 * d * c.Patch * c.Patch * c.OutChannels) + (2 * d * 2 * d);
        return (c.Depth * perBlock) + embed + final;
    }

    private static double MatmulPeak(int repeats)
    {
        using var a = randn(2048, 2048);
        using var b = randn(2048, 2048);
        return 2.0 * 2048 * 2048 * 2048 / Latency.MedianSeconds(repeats, () => a.matmul(b).Dispose());
    }

    private static double TrainThroughput(DiTConfig config, int batch, int steps)
    {
        var rows = Scion.Diffusion.Data.ShapesDataset.Generate(0, 0, batch * 2).ToList();
        var (images, labels, _) = Scion.Diffusion.Data.ImageTensors.Decode(rows, config.InputSize);
        var trainer = new DiffusionTrainer(config, GaussianDiffusion.For(config));
        trainer.Train(images, labels, new TrainOptions(1, batch, 1e-4)).Ema.Dispose(); // warm-up
        var watch = Stopwatch.StartNew();
        trainer.Train(images, labels, new TrainOptions(steps, batch, 1e-4)).Ema.Dispose();
        return steps * batch / watch.Elapsed.TotalSeconds;
    }

    private static double ForwardLatency(DiTConfig config, int repeats)
    {
        using var model = new DiT(config);
        return Latency.Forward(model, batch: 2, repeats);
    }
}
