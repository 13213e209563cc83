using static TorchSharp.torch;

namespace Scion.Diffusion.Diffusion;

/// <summary>The model's p(x_{t−1} | x_t): mean, log-variance, and the x_0 and ε it implies.</summary>
public sealed record Prediction(Tensor Mean, Tensor LogVariance, Tensor X0, Tensor Eps) : IDisposable
{
    public void Dispose()
    {
        Mean.Dispose();
        LogVariance.Dispose();
        X0.Dispose();
        Eps.Dispose();
    }
}
