using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>Exponential moving average of a model's parameters, kept as one flat tensor laid out as <see cref="FlatParameters.Values"/>.</summary>
public static class Ema
{
    /// <summary><c>ema ← decay · ema + (1 − decay) · values</c> (decay 0 copies).</summary>
    public static void Update(Tensor ema, Tensor values, double decay)
    {
        using var noGrad = no_grad();
        ema.mul_(decay).add_(values, alpha: 1 - decay);
    }
}
