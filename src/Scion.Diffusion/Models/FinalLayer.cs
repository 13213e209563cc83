using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>adaLN (shift, scale) → LayerNorm → Linear D → p²·C_out.</summary>
public sealed class FinalLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm norm_final;
    private readonly Linear linear;
    private readonly Sequential adaLN_modulation;

    public FinalLayer(int hidden, int patch, int outChannels, Device? device = null) : base(nameof(FinalLayer))
    {
        norm_final = nn.LayerNorm(hidden, eps: 1e-6, elementwise_affine: false, device: device);
        linear = nn.Linear(hidden, patch * patch * outChannels, hasBias: true, device: device);
        adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(hidden, 2 * hidden, hasBias: true, device: device));
        RegisterComponents();
    }

    public Linear Linear => linear;

    public Linear Modulation => (Linear)adaLN_modulation[1];

    public override Tensor forward(Tensor x, Tensor c)
    {
        using var scope = NewDisposeScope();
        var m = adaLN_modulation.forward(c).chunk(2, 1);
        return Autocast.Linear(linear, Models.Modulation.Modulate(norm_final.forward(x), m[0], m[1])).MoveToOuterDisposeScope();
    }
}
