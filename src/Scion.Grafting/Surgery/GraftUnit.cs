using TorchSharp;
using Scion.Diffusion.Models;
using static TorchSharp.torch;

namespace Scion.Grafting.Surgery;

/// <summary>
/// What stage 1 trains for one layer: a new operator (input = the modulated normalised activations), or for depth
/// to width a pair of blocks running side by side (input = the hidden state and the conditioning vector).
/// Its state dict carries the hybrid model's full key names (<c>blocks.3.attn.in_proj.weight</c>), so that a
/// layer's weights can only ever load into that layer.
/// </summary>
public sealed class GraftUnit : IDisposable
{
    private readonly nn.Module<Tensor, Tensor>? op;
    private readonly DiTBlock? first;
    private readonly DiTBlock? second;

    private GraftUnit(int layer, nn.Module module, IReadOnlyList<string> prefixes)
    {
        Layer = layer;
        Module = module;
        Prefixes = prefixes;
    }

    public GraftUnit(int layer, string prefix, nn.Module<Tensor, Tensor> op)
        : this(layer, op, [prefix]) => this.op = op;

    public GraftUnit(int layer, DiTBlock first, DiTBlock second)
        : this(layer, nn.ModuleList(first, second), [$"blocks.{layer}.", $"blocks.{layer + 1}."])
    {
        this.first = first;
        this.second = second;
    }

    public int Layer { get; }

    /// <summary>The trainable module (for parameters, train/eval mode).</summary>
    public nn.Module Module { get; }

    /// <summary>Key prefixes of the hybrid's state dict that this unit owns.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    /// <summary>Whether the unit needs the conditioning vector (block pairs do; operators see modulated input).</summary>
    public bool NeedsConditioning => op is null;

    public Tensor Forward(Tensor input, Tensor? conditioning) =>
        op?.forward(input) ?? DiT.ParallelPair(first!, second!, input,
            conditioning ?? throw new ArgumentNullException(nameof(conditioning), "a block pair needs the conditioning vector"));

    /// <summary>The weights under the hybrid's key names (copies, safe to keep as the best checkpoint).</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        nn.Module[] parts = op is null ? [first!, second!] : [op];
        return parts.Zip(Prefixes).SelectMany(p => p.First.state_dict().Select(kv => (Key: p.Second + kv.Key, kv.Value)))
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    public void Dispose() => Module.Dispose();
}
