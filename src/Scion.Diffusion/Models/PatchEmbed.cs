using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>Image to tokens: Conv2d C→D with kernel = stride = patch, flattened in raster order.</summary>
public sealed class PatchEmbed : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d proj;

    public PatchEmbed(int patch, int inChannels, int hidden, Device? device = null) : base(nameof(PatchEmbed))
    {
        proj = nn.Conv2d(inChannels, hidden, patch, stride: patch, bias: true, device: device);
        RegisterComponents();
    }

    public Conv2d Proj => proj;

    /// <summary>The convolution written as one matrix product over non-overlapping patches: the same numbers,
    /// and it also runs on the meta device (shape checks of big configurations without memory).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], c = x.shape[1], p = proj.weight!.shape[2], gh = x.shape[2] / p, gw = x.shape[3] / p;
        var patches = x.reshape(b, c, gh, p, gw, p).permute(0, 2, 4, 1, 3, 5).reshape(b, gh * gw, c * p * p);
        var weight = proj.weight.reshape(proj.weight.shape[0], -1);
        return Autocast.Linear(patches, weight, proj.bias).MoveToOuterDisposeScope();
    }
}
