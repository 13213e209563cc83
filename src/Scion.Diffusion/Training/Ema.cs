using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>Exponential moving average of a model's parameters, kept in a second model of the same shape.</summary>
public static class Ema
{
    /// <summary><c>ema ← decay · ema + (1 − decay) · model</c> for every parameter (decay 0 copies).</summary>
    public static void Update(nn.Module target, nn.Module source, double decay)
    {
        using var noGrad = no_grad();
        var from = source.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in target.named_parameters())
        {
            p.mul_(decay).add_(from[name], alpha: 1 - decay);
        }
    }
}
