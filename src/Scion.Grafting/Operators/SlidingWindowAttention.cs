using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Grafting.Operators;

/// <summary>
/// Multi-head attention restricted to a band: token i attends to tokens j with |i − j| ≤ window over the flattened
/// raster sequence (window (4, 4) in the paper), no rotary embedding. Same parameters and names as DiT's attention
/// (<c>qkv</c>, <c>proj</c>). This CPU version masks a full score matrix; its FLOPs are counted for the band only.
/// </summary>
public sealed class SlidingWindowAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int heads;
    private Tensor? mask;

    public SlidingWindowAttention(int dim, int heads, int window = 4, Device? device = null) : base(nameof(SlidingWindowAttention))
    {
        this.heads = heads;
        Window = window;
        qkv = nn.Linear(dim, dim * 3, hasBias: true, device: device);
        proj = nn.Linear(dim, dim, hasBias: true, device: device);
        RegisterComponents();
    }

    public int Window { get; }

    /// <summary>True where token i may attend to token j (|i − j| ≤ window).</summary>
    public static Tensor BandMask(long tokens, int window, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var index = arange(tokens, device: device);
        return ((index.unsqueeze(1) - index.unsqueeze(0)).abs() <= window).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], c = x.shape[2];
        if (mask is null || mask.shape[0] != n || mask.device != x.device)
        {
            mask?.Dispose();
            mask = BandMask(n, Window, x.device).DetachFromDisposeScope();
        }

        var qkvOut = qkv.forward(x).reshape(b, n, 3, heads, c / heads).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(qkvOut[0], qkvOut[1], qkvOut[2], attn_mask: mask);
        return proj.forward(attended.transpose(1, 2).reshape(b, n, c)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mask?.Dispose();
        }

        base.Dispose(disposing);
    }
}
