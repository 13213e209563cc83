using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>Multi-head self-attention as in timm (DiT's attention): <c>qkv</c> D→3D, <c>proj</c> D→D.</summary>
public sealed class Attention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int heads;

    public Attention(int dim, int heads, Device? device = null) : base(nameof(Attention))
    {
        this.heads = heads;
        qkv = nn.Linear(dim, dim * 3, hasBias: true, device: device);
        proj = nn.Linear(dim, dim, hasBias: true, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], c = x.shape[2];
        var qkvOut = Autocast.Linear(qkv, x).reshape(b, n, 3, heads, c / heads).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(qkvOut[0], qkvOut[1], qkvOut[2]);
        return Autocast.Linear(proj, attended.transpose(1, 2).reshape(b, n, c)).MoveToOuterDisposeScope();
    }
}
