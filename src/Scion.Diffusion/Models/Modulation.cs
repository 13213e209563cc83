using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

internal static class Modulation
{
    /// <summary>adaLN: <c>x · (1 + scale) + shift</c>, shift and scale per sample, broadcast over tokens.</summary>
    public static Tensor Modulate(Tensor x, Tensor shift, Tensor scale) =>
        x * (1 + scale.unsqueeze(1)) + shift.unsqueeze(1);
}
