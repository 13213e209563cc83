using System.Diagnostics;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using Scion.Host.Dev;
using static TorchSharp.torch;

namespace Scion.Host.Bench;

/// <summary>
/// Side by side in one run: the float32 and bfloat16 matmul peaks (2048²), then training throughput of the embedded
/// teacher (DiT-N/4, at its batch of 32) and DiT-S/2 at 32×32 in float32 and with bfloat16 products (the teacher's
/// mixed precision), each with its model-FLOPs utilisation against the peak of its precision, the bfloat16 ÷ float32
/// throughput ratio, and forward latency at batch 2. Last, the teacher as PretrainTeacher trains it by default (batch
/// 64 split over two data-parallel replicas, in the precision <see cref="PrecisionProbe"/> picks) against one model at
/// batch 32 in that precision, and the same with Muon instead of AdamW (the cost of its orthogonalisation).
/// </summary>
public sealed class DiTBenchmark(DevContext context)
{
    public IEnumerable<string> Run()
    {
        int repeats = context.Get(DevParameters.BenchRepeats);
        double peak = MatmulPeak(repeats, ScalarType.Float32), peakBf16 = MatmulPeak(repeats, ScalarType.BFloat16);
        yield return $"matmul peak (2048², median of {repeats}): float32 {peak / 1e9:0.0} GFLOP/s, bfloat16 {peakBf16 / 1e9:0.0} GFLOP/s";
        context.Metric("matmul_gflops", peak / 1e9, "GFLOP/s");
        context.Metric("matmul_bf16_gflops", peakBf16 / 1e9, "GFLOP/s");
        foreach (var (name, batch, steps) in new[] { ("DiT-N/4", 32, 40), ("DiT-S/2", 8, 3) })
        {
            var config = DiTConfig.Named(name, 32, 3, 10);
            double perImage = 3 * ForwardFlops(config); // forward + backward ≈ 3 × forward
            double imagesPerSecond = TrainThroughput(config, batch, steps, bfloat16: false);
            double imagesPerSecondBf16 = TrainThroughput(config, batch, steps, bfloat16: true);
            double mfu = imagesPerSecond * perImage / peak, mfuBf16 = imagesPerSecondBf16 * perImage / peakBf16;
            double latency = ForwardLatency(config, repeats);
            string key = name.Replace("/", "_", StringComparison.Ordinal);
            context.Metric($"{key}.train_images_per_s", imagesPerSecond, "img/s");
            context.Metric($"{key}.mfu", mfu);
            context.Metric($"{key}.bf16_train_images_per_s", imagesPerSecondBf16, "img/s");
            context.Metric($"{key}.bf16_mfu", mfuBf16);
            context.Metric($"{key}.bf16_speedup", imagesPerSecondBf16 / imagesPerSecond);
            context.Metric($"{key}.forward_ms_batch2", latency * 1000, "ms");
            yield return $"{name} at 32×32 (batch {batch}), {perImage / 1e9:0.00} GFLOP per trained image: float32 {imagesPerSecond:0.0} img/s (MFU {mfu:P0}), " +
                $"bfloat16 products {imagesPerSecondBf16:0.0} img/s (MFU {mfuBf16:P0} of the bfloat16 peak), {imagesPerSecondBf16 / imagesPerSecond:0.00}×; " +
                $"forward at batch 2: {latency * 1000:0.0} ms";
        }

        var teacher = DiTConfig.Named("DiT-N/4", 32, 3, 10);
        double probe = PrecisionProbe.BFloat16Speedup(teacher, batch: 64, replicas: 2);
        bool bf16 = PrecisionProbe.Choose(probe);
        double single = TrainThroughput(teacher, 32, 40, bfloat16: bf16);
        double replicated = TrainThroughput(teacher, 64, 20, bfloat16: bf16, replicas: 2);
        double muon = TrainThroughput(teacher, 64, 20, bfloat16: bf16, replicas: 2, muon: true);
        context.Metric("DiT-N_4.teacher_adamw_train_images_per_s", replicated, "img/s");
        context.Metric("DiT-N_4.teacher_train_images_per_s", muon, "img/s");
        context.Metric("DiT-N_4.teacher_speedup", replicated / single);
        context.Metric("DiT-N_4.muon_step_cost", replicated / muon);
        context.Metric("DiT-N_4.probe_bf16_speedup", probe);
        string precision = bf16 ? "bfloat16" : "float32";
        yield return $"DiT-N/4 as the teacher trains (batch 64 over 2 replicas, {precision}: the probe measured bfloat16 products {probe:0.00}× as fast): " +
            $"{replicated:0.0} img/s with AdamW against {single:0.0} for one model at batch 32, {replicated / single:0.00}×; " +
            $"with Muon (the default) {muon:0.0} img/s, a step {replicated / muon:0.00}× as long as AdamW's";
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

    private static double MatmulPeak(int repeats, ScalarType type)
    {
        using var a = randn([2048, 2048], dtype: type);
        using var b = randn([2048, 2048], dtype: type);
        return 2.0 * 2048 * 2048 * 2048 / Latency.MedianSeconds(repeats, () => a.matmul(b).Dispose());
    }

    private static double TrainThroughput(DiTConfig config, int batch, int steps, bool bfloat16, int replicas = 1, bool muon = false)
    {
        var rows = Scion.Diffusion.Data.ShapesDataset.Generate(0, 0, batch * 2).ToList();
        var (images, labels, _) = Scion.Diffusion.Data.ImageTensors.Decode(rows, config.InputSize);
        var trainer = new DiffusionTrainer(config, GaussianDiffusion.For(config));
        var options = new TrainOptions(steps, batch, 1e-4, BFloat16Matmuls: bfloat16, Replicas: replicas, Muon: muon);
        trainer.Train(images, labels, options with { Steps = 1 }).Ema.Dispose(); // warm-up
        var watch = Stopwatch.StartNew();
        trainer.Train(images, labels, options).Ema.Dispose();
        return steps * batch / watch.Elapsed.TotalSeconds;
    }

    private static double ForwardLatency(DiTConfig config, int repeats)
    {
        using var model = new DiT(config);
        return Latency.Forward(model, batch: 2, repeats);
    }
}
