using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using Scion.Grafting.Operators;
using static TorchSharp.torch;

namespace Scion.Grafting.Surgery;

/// <summary>
/// What grafting does to a DiT: which operator goes into which blocks, or which block pairs run in parallel.
/// Builds the stage-1 units and the hybrid model, and loads weights into them strictly.
/// </summary>
public sealed record GraftPlan(GraftMode Mode, string OperatorName, IReadOnlyList<int> Layers)
{
    /// <summary>A plan for a DiT of <paramref name="depth"/> blocks; depth to width pairs (0,1), (2,3), ….</summary>
    public static GraftPlan Create(GraftMode mode, string operatorName, string layers, int depth)
    {
        if (mode == GraftMode.DepthToWidth)
        {
            if (depth < 2)
            {
                throw new ArgumentException($"Depth to width needs at least two blocks; this DiT has {depth}.");
            }

            return new GraftPlan(mode, "parallel-pair", Enumerable.Range(0, depth / 2).Select(k => 2 * k).ToArray());
        }

        _ = OperatorRegistry.Get(operatorName);
        return new GraftPlan(mode, operatorName, LayerSelection.Resolve(layers, depth));
    }

    public OperatorSpec? Operator => Mode == GraftMode.Operator ? OperatorRegistry.Get(OperatorName) : null;

    /// <summary>What stage 1 captures from the teacher for each layer.</summary>
    public CapturePart Capture => Operator?.Slot switch
    {
        null => CapturePart.Block,
        OperatorSlot.Attention => CapturePart.Attention,
        _ => CapturePart.Mlp,
    };

    public string Describe() => Mode == GraftMode.DepthToWidth
        ? $"depth to width: blocks {string.Join(", ", Layers.Select(l => $"({l},{l + 1})"))} in parallel"
        : $"{OperatorName} in blocks {string.Join(", ", Layers)}";

    /// <summary>The stage-1 unit of <paramref name="layer"/>: a fresh operator, or the teacher's two blocks.</summary>
    public GraftUnit CreateUnit(int layer, DiTConfig config, IReadOnlyDictionary<string, Tensor> teacher)
    {
        if (!Layers.Contains(layer))
        {
            throw new ArgumentException($"Layer {layer} is not grafted by this plan ({Describe()}).");
        }

        if (Operator is { } spec)
        {
            return new GraftUnit(layer, $"blocks.{layer}.{spec.ModuleName}.", spec.Create(config.Hidden, config.Heads));
        }

        var first = new DiTBlock(config.Hidden, config.Heads, config.MlpHidden);
        var second = new DiTBlock(config.Hidden, config.Heads, config.MlpHidden);
        StrictLoader.Load(first, Under(teacher, $"blocks.{layer}."), $"teacher block {layer}");
        StrictLoader.Load(second, Under(teacher, $"blocks.{layer + 1}."), $"teacher block {layer + 1}");
        return new GraftUnit(layer, first, second);
    }

    /// <summary>The hybrid's architecture (weights as initialised; load them with <see cref="LoadHybrid"/>).</summary>
    public DiT BuildHybrid(DiTConfig config, Device? device = null)
    {
        var model = new DiT(config, device);
        if (Operator is { } spec)
        {
            foreach (int layer in Layers)
            {
                var block = model.Block(layer);
                var module = spec.Create(config.Hidden, config.Heads, device);
                if (spec.Slot == OperatorSlot.Attention)
                {
                    block.Attn = module;
                }
                else
                {
                    block.MlpOperator = module;
                }
            }
        }
        else
        {
            model.ParallelPairs = Layers.ToHashSet();
        }

        return model;
    }

    /// <summary>
    /// The hybrid with the teacher's weights everywhere except the grafted units, which take their stage-1 weights.
    /// Fails, naming the key, when a stage-1 weight is missing, belongs to no grafted unit, or has the wrong shape.
    /// </summary>
    public DiT LoadHybrid(DiTConfig config, IReadOnlyDictionary<string, Tensor> teacher, IReadOnlyDictionary<string, Tensor> grafted, string source)
    {
        var prefixes = Layers.SelectMany(Prefixes).ToArray();
        var stray = grafted.Keys.Where(k => !prefixes.Any(k.StartsWith)).Order(StringComparer.Ordinal).ToArray();
        if (stray.Length > 0)
        {
            throw new CheckpointMismatchException($"{source} holds weights of blocks this plan does not graft ({Describe()}): {string.Join(", ", stray.Take(5))}");
        }

        var merged = teacher.Where(kv => !prefixes.Any(kv.Key.StartsWith)).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in grafted)
        {
            merged[key] = value;
        }

        var model = BuildHybrid(config);
        StrictLoader.Load(model, merged, source);
        return model;
    }

    /// <summary>Key prefixes owned by the unit of <paramref name="layer"/>.</summary>
    public IEnumerable<string> Prefixes(int layer) => Operator is { } spec
        ? [$"blocks.{layer}.{spec.ModuleName}."]
        : [$"blocks.{layer}.", $"blocks.{layer + 1}."];

    private static Dictionary<string, Tensor> Under(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
