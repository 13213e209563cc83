using Scion.Diffusion.Models;

namespace Scion.Grafting.Surgery;

/// <summary>
/// Training compute in FLOPs, to compare grafting with pretraining as the paper does: a training step on one image
/// costs about three forward passes (the backward pass about two), a capture pass one teacher forward.
/// </summary>
public static class GraftCompute
{
    public const double TrainFactor = 3;

    public static double Pretraining(DiTConfig config, long steps, int batch) => TrainFactor * steps * batch * ModelFlops.Of(config).Total;

    /// <summary>Capture (teacher forwards), stage 1 (every layer's unit), stage 2 (the hybrid).</summary>
    public static double Grafting(DiTConfig config, GraftPlan plan, int captureSamples, int distillSteps, int distillBatch, int finetuneSteps, int finetuneBatch)
    {
        double capture = (double)captureSamples * ModelFlops.Of(config).Total;
        double distill = TrainFactor * plan.Layers.Count * distillSteps * (double)distillBatch * Unit(config, plan);
        double finetune = TrainFactor * finetuneSteps * (double)finetuneBatch * ModelFlops.Of(config, plan).Total;
        return capture + distill + finetune;
    }

    /// <summary>FLOPs of one stage-1 unit on one sample: the new operator, or a pair of whole blocks.</summary>
    public static long Unit(DiTConfig config, GraftPlan plan) =>
        plan.Operator?.Flops(config.Hidden, config.Tokens) ?? 2 * ModelFlops.Block(config);
}
