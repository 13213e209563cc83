using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Grafting.Operators;

/// <summary>
/// Mamba-2 over tokens in raster order with the grafting paper's sizes (d_state 64, d_conv 4, expand 2, head dim 16,
/// one group), and mamba_ssm's names: <c>in_proj</c> (no bias) → z, xBC, dt; causal depthwise <c>conv1d</c> + SiLU on
/// xBC; dt = softplus(dt + <c>dt_bias</c>); A = −exp(<c>A_log</c>); the selective scan (chunked); skip <c>D</c>;
/// gated RMS <c>norm</c>; <c>out_proj</c> (no bias).
/// </summary>
public sealed class Mamba2 : nn.Module<Tensor, Tensor>
{
    private readonly Linear in_proj;
    private readonly ShortConv conv1d;
    private readonly Parameter dt_bias;
    private readonly Parameter A_log;
    private readonly Parameter D;
    private readonly Parameter norm;
    private readonly Linear out_proj;

    public Mamba2(int dim, int state = 64, int convKernel = 4, int expand = 2, int headDim = 16, int chunk = 64, Device? device = null)
        : base(nameof(Mamba2))
    {
        Inner = expand * dim;
        if (Inner % headDim != 0)
        {
            throw new ArgumentException($"Mamba-2: inner width {Inner} (expand {expand} × dim {dim}) is not a multiple of head dim {headDim}.");
        }

        State = state;
        HeadDim = headDim;
        Heads = Inner / headDim;
        Chunk = chunk;
        in_proj = nn.Linear(dim, (2 * Inner) + (2 * state) + Heads, hasBias: false, device: device);
        conv1d = new ShortConv(Inner + (2 * state), convKernel, device: device);
        out_proj = nn.Linear(Inner, dim, hasBias: false, device: device);

        // mamba_ssm's initialisation: dt log-uniform in [1e-3, 1e-1] stored as softplus⁻¹, A uniform in [1, 16].
        using (no_grad())
        {
            var dt = (rand(Heads, device: device) * (Math.Log(0.1) - Math.Log(1e-3)) + Math.Log(1e-3)).exp().clamp_min(1e-4);
            dt_bias = new Parameter(dt + (-(-dt).expm1()).log());
            A_log = new Parameter(empty(Heads, device: device).uniform_(1, 16).log());
        }

        D = new Parameter(ones(Heads, device: device));
        norm = new Parameter(ones(Inner, device: device));
        RegisterComponents();
    }

    public int Inner { get; }

    public int State { get; }

    public int HeadDim { get; }

    public int Heads { get; }

    public int Chunk { get; }

    /// <summary>Use the plain recurrence instead of the chunked scan (for tests; same numbers, slower).</summary>
    public bool Recurrent { get; set; }

    public override Tensor forward(Tensor u)
    {
        using var scope = NewDisposeScope();
        long b = u.shape[0], t = u.shape[1];
        var parts = in_proj.forward(u).split([Inner, Inner + (2 * State), Heads], -1);
        var z = parts[0];
        var xbc = nn.functional.silu(conv1d.forward(parts[1])).split([Inner, State, State], -1);
        var dt = nn.functional.softplus(parts[2] + dt_bias); // [b, t, heads]
        var a = -A_log.exp() * dt;
        var x = xbc[0].reshape(b, t, Heads, HeadDim);
        var xdt = x * dt.unsqueeze(-1);
        var y = Recurrent
            ? StateSpaceScan.Recurrent(xdt, a, xbc[1], xbc[2])
            : StateSpaceScan.Chunked(xdt, a, xbc[1], xbc[2], (int)Math.Min(Chunk, t));
        y = (y + (x * D.reshape(1, 1, Heads, 1))).reshape(b, t, Inner);
        var gated = y * nn.functional.silu(z);
        var normed = gated * (gated.square().mean([-1], keepdim: true) + 1e-5).rsqrt() * norm;
        return out_proj.forward(normed).MoveToOuterDisposeScope();
    }
}
