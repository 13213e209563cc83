using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Grafting.Operators;

/// <summary>
/// Hyena-X / Hyena-Y / Hyena-SE over tokens in raster order: <c>in_proj</c> D→3H, optional causal short conv over
/// the 3H channels, split into q, k, v, gate, optional identity-initialised inner conv, <c>out_proj</c> H→D.
/// H = D replaces attention; H = 2D is MLP-Hyena-X (the same FLOPs as a ratio-4 MLP). Causal by construction.
/// </summary>
public sealed class Hyena : nn.Module<Tensor, Tensor>
{
    private readonly Linear in_proj;
    private readonly ShortConv? short_filter;
    private readonly ShortConv? inner_filter;
    private readonly Linear out_proj;

    public Hyena(int dim, HyenaKind kind, int? inner = null, int kernel = 4, Device? device = null) : base(nameof(Hyena))
    {
        Kind = kind;
        int h = inner ?? dim;
        in_proj = nn.Linear(dim, 3 * h, hasBias: true, device: device);
        if (kind is HyenaKind.X or HyenaKind.SE)
        {
            short_filter = new ShortConv(3 * h, kernel, device: device);
        }

        if (kind is HyenaKind.Y or HyenaKind.SE)
        {
            inner_filter = new ShortConv(h, kernel, identity: true, device: device);
        }

        out_proj = nn.Linear(h, dim, hasBias: true, device: device);
        RegisterComponents();
    }

    public HyenaKind Kind { get; }

    internal ShortConv? InnerFilter => inner_filter;

    public override Tensor forward(Tensor u)
    {
        using var scope = NewDisposeScope();
        var z = in_proj.forward(u);
        if (short_filter is not null)
        {
            z = short_filter.forward(z);
        }

        var qkv = z.chunk(3, -1);
        var kv = qkv[1] * qkv[2];
        if (inner_filter is not null)
        {
            kv = inner_filter.forward(kv);
        }

        return out_proj.forward(qkv[0] * kv).MoveToOuterDisposeScope();
    }
}
