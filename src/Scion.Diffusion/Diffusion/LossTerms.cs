using static TorchSharp.torch;

namespace Scion.Diffusion.Diffusion;

/// <summary>Per-sample losses: total = mse + vb.</summary>
public sealed record LossTerms(Tensor Loss, Tensor Mse, Tensor Vb) : IDisposable
{
    public void Dispose()
    {
        Loss.Dispose();
        Mse.Dispose();
        Vb.Dispose();
    }
}
