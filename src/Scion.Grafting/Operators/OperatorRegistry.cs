using Scion.Diffusion.Models;

namespace Scion.Grafting.Operators;

/// <summary>Every operator grafting can put into a DiT block, by name, with its parameter and FLOPs counts.</summary>
public static class OperatorRegistry
{
    public const int ConvKernel = 4;
    public const int SwaWindow = 4;
    public const int MambaState = 64;
    public const int MambaExpand = 2;
    public const int MambaHeadDim = 16;

    public static readonly IReadOnlyList<OperatorSpec> All =
    [
        new("mha", OperatorSlot.Attention, "self-graft: multi-head attention, freshly initialised (the control)",
            (d, h, dev) => new Attention(d, h, dev), (d, _) => Linear(d, 3L * d) + Linear(d, d), (d, t) => AttentionFlops(d, t, (long)t * t)),
        Hyena("hyena-x", HyenaKind.X, "Hyena-X: short conv on q, k, v; out(q ⊙ k ⊙ v)"),
        Hyena("hyena-y", HyenaKind.Y, "Hyena-Y: out(q ⊙ conv(k ⊙ v)), inner conv starting as the identity"),
        Hyena("hyena-se", HyenaKind.SE, "Hyena-SE: Hyena-X's short conv and Hyena-Y's inner conv"),
        new("swa", OperatorSlot.Attention, $"sliding-window attention, band of ±{SwaWindow} tokens",
            (d, h, dev) => new SlidingWindowAttention(d, h, SwaWindow, dev), (d, _) => Linear(d, 3L * d) + Linear(d, d),
            (d, t) => AttentionFlops(d, t, BandPairs(t, SwaWindow))),
        new("mamba2", OperatorSlot.Attention, $"Mamba-2: d_state {MambaState}, d_conv {ConvKernel}, expand {MambaExpand}, head dim {MambaHeadDim}",
            (d, _, dev) => new Mamba2(d, MambaState, ConvKernel, MambaExpand, MambaHeadDim, device: dev), MambaParameters, MambaFlops),
        Mlp("mlp-r4", 4, "self-graft MLP, expansion ratio 4 (the control)"),
        Mlp("mlp-r3", 3, "MLP with expansion ratio 3"),
        Mlp("mlp-r6", 6, "MLP with expansion ratio 6"),
        new("mlp-hyena-x", OperatorSlot.Mlp, "MLP-Hyena-X: Hyena-X of inner width 2D in the MLP's place (iso-FLOPs with ratio 4)",
            (d, _, dev) => new Hyena(d, HyenaKind.X, 2 * d, ConvKernel, dev), (d, _) => HyenaParameters(d, 2 * d, HyenaKind.X),
            (d, t) => HyenaFlops(d, 2 * d, HyenaKind.X, t)),
    ];

    public static IEnumerable<string> Names => All.Select(o => o.Name);

    public static OperatorSpec Get(string name) =>
        All.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown operator '{name}'. Known: {string.Join(", ", Names)}.");

    /// <summary>FLOPs of DiT's own attention (what attention-slot FLOPs are compared with).</summary>
    public static long AttentionFlops(int d, int tokens) => AttentionFlops(d, tokens, (long)tokens * tokens);

    /// <summary>FLOPs of DiT's own MLP of ratio 4.</summary>
    public static long MlpFlops(int d, int tokens, int ratio = 4) => 2L * 2 * tokens * d * ((long)ratio * d);

    /// <summary>Ordered pairs (i, j) of a sequence of <paramref name="tokens"/> with |i − j| ≤ <paramref name="window"/>.</summary>
    public static long BandPairs(int tokens, int window)
    {
        long pairs = 0;
        for (int i = 0; i < tokens; i++)
        {
            pairs += Math.Min(i + window, tokens - 1) - Math.Max(i - window, 0) + 1;
        }

        return pairs;
    }

    private static OperatorSpec Hyena(string name, HyenaKind kind, string description) =>
        new(name, OperatorSlot.Attention, description, (d, _, dev) => new Hyena(d, kind, d, ConvKernel, dev),
            (d, _) => HyenaParameters(d, d, kind), (d, t) => HyenaFlops(d, d, kind, t));

    private static OperatorSpec Mlp(string name, int ratio, string description) =>
        new(name, OperatorSlot.Mlp, description, (d, _, dev) => new Diffusion.Models.Mlp(d, ratio * d, dev),
            (d, _) => Linear(d, (long)ratio * d) + Linear((long)ratio * d, d), (d, t) => MlpFlops(d, t, ratio));

    private static long Linear(long inputs, long outputs, bool bias = true) => (inputs * outputs) + (bias ? outputs : 0);

    private static long Conv(long channels) => (channels * ConvKernel) + channels;

    // Q/K/V and output projections, then QKᵀ and attention-weighted V over the scored pairs.
    private static long AttentionFlops(int d, int tokens, long pairs) => (2L * tokens * d * 4 * d) + (2 * 2 * pairs * d);

    private static long HyenaParameters(int d, int h, HyenaKind kind) =>
        Linear(d, 3L * h) + Linear(h, d) + (kind == HyenaKind.Y ? 0 : Conv(3L * h)) + (kind == HyenaKind.X ? 0 : Conv(h));

    private static long HyenaFlops(int d, int h, HyenaKind kind, int t) =>
        (2L * t * d * 3 * h) + (2L * t * h * d) + (2L * t * h)
        + (kind == HyenaKind.Y ? 0 : 2L * t * 3 * h * ConvKernel)
        + (kind == HyenaKind.X ? 0 : 2L * t * h * ConvKernel);

    private static (long Inner, long Heads, long ConvChannels, long Projected) MambaSizes(int d)
    {
        long inner = (long)MambaExpand * d, heads = inner / MambaHeadDim;
        return (inner, heads, inner + (2 * MambaState), (2 * inner) + (2 * MambaState) + heads);
    }

    private static long MambaParameters(int d, int heads)
    {
        var (inner, h, conv, projected) = MambaSizes(d);
        return Linear(d, projected, bias: false) + Conv(conv) + (3 * h) + inner + Linear(inner, d, bias: false);
    }

    // Per token: the state update decay·h + x⊗B (3 FLOPs per state entry) and the readout h·C (2 per entry);
    // elementwise x·dt, the D skip and the z gate.
    private static long MambaFlops(int d, int t)
    {
        var (inner, _, conv, projected) = MambaSizes(d);
        return (2L * t * d * projected) + (2L * t * conv * ConvKernel) + (5L * t * inner * MambaState) + (3L * t * inner) + (2L * t * inner * d);
    }
}
