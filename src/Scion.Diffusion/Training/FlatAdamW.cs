using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter; PyTorch's <c>torch.optim.AdamW</c> update, decoupled weight decay) over
/// <see cref="FlatParameters"/>: a step is seven operations on the whole model instead of about ten per parameter
/// tensor. For a small DiT, whose ~70 tensors hold 1.8 M numbers, the per-tensor version cost 5–10% of a training step.
/// </summary>
/// <param name="only">1 where AdamW updates, 0 where another optimizer does (weight decay still applies everywhere);
/// null = everywhere.</param>
public sealed class FlatAdamW(FlatParameters parameters, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
    Tensor? only = null) : IFlatOptimizer
{
    private readonly Tensor expAvg = zeros_like(parameters.Values);
    private readonly Tensor expAvgSq = zeros_like(parameters.Values);
    private long step;

    /// <summary>One AdamW update at learning rate <paramref name="lr"/>, with the gradients backward left.</summary>
    public void Step(double lr)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = parameters.Values;
        var grads = parameters.Grads;
        step++;
        if (weightDecay != 0)
        {
            values.mul_(1 - (lr * weightDecay));
        }

        expAvg.mul_(beta1).add_(grads, alpha: 1 - beta1);
        expAvgSq.mul_(beta2).addcmul_(grads, grads, value: 1 - beta2);
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        var denominator = expAvgSq.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(eps);
        values.addcdiv_(only is null ? expAvg : expAvg.mul(only), denominator, value: -lr / biasCorrection1);
    }

    public void Dispose()
    {
        expAvg.Dispose();
        expAvgSq.Dispose();
    }
}
