using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>Timestep t → sinusoidal features (256 frequencies) → Linear → SiLU → Linear.</summary>
public sealed class TimestepEmbedder : nn.Module<Tensor, Tensor>
{
    public const int FrequencySize = 256;

    private readonly Sequential mlp;

    public TimestepEmbedder(int hidden, Device? device = null) : base(nameof(TimestepEmbedder))
    {
        mlp = nn.Sequential(
            nn.Linear(FrequencySize, hidden, hasBias: true, device: device),
            nn.SiLU(),
            nn.Linear(hidden, hidden, hasBias: true, device: device));
        RegisterComponents();
    }

    public Linear First => (Linear)mlp[0];

    public Linear Second => (Linear)mlp[2];

    /// <summary>The official embedding: <c>[cos(t·f), sin(t·f)]</c> with <c>f_i = exp(−ln(10000)·i/half)</c> (cosine first).</summary>
    public static Tensor Frequencies(Tensor t, int dim = FrequencySize, double maxPeriod = 10000)
    {
        using var scope = NewDisposeScope();
        int half = dim / 2;
        var freqs = exp(-Math.Log(maxPeriod) * arange(0, half, dtype: float32, device: t.device) / half);
        var args = t.to_type(float32).unsqueeze(1) * freqs.unsqueeze(0);
        var emb = cat([cos(args), sin(args)], 1);
        if (dim % 2 == 1)
        {
            emb = cat([emb, zeros_like(emb[.., ..1])], 1);
        }

        return emb.MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor t)
    {
        using var freq = Frequencies(t);
        return mlp.forward(freq);
    }
}
