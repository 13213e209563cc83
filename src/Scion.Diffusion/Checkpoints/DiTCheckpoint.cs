using Scion.Diffusion.Models;
using static TorchSharp.torch;

namespace Scion.Diffusion.Checkpoints;

/// <summary>Reads a DiT's configuration from the shapes of its state dict, and loads it strictly.</summary>
public static class DiTCheckpoint
{
    /// <summary>
    /// Depth, width, patch, channels, classes, input size and learned sigma follow from the tensor shapes; the
    /// head count does not, so it is taken from the named size with that width (or <paramref name="heads"/>).
    /// </summary>
    public static DiTConfig InferConfig(IReadOnlyDictionary<string, Tensor> state, int? heads = null)
    {
        var patch = Get(state, "x_embedder.proj.weight");
        int hidden = (int)patch.shape[0], inChannels = (int)patch.shape[1], p = (int)patch.shape[2];
        int tokens = (int)Get(state, "pos_embed").shape[1];
        int grid = (int)Math.Round(Math.Sqrt(tokens));
        int depth = state.Keys.Where(k => k.StartsWith("blocks.", StringComparison.Ordinal)).Select(k => int.Parse(k.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;
        int tableRows = (int)Get(state, "y_embedder.embedding_table.weight").shape[0];
        int outChannels = (int)Get(state, "final_layer.linear.weight").shape[0] / (p * p);
        int mlpHidden = (int)Get(state, "blocks.0.mlp.fc1.weight").shape[0];
        int h = heads ?? DiTConfig.Sizes.Values.Where(s => s.Hidden == hidden).Select(s => s.Heads).FirstOrDefault();
        if (h == 0)
        {
            throw new InvalidDataException($"A DiT of width {hidden} matches no named configuration; give the head count (dit.heads).");
        }

        // The table has a null-class row exactly when the model was trained with label dropout (guidance).
        return new DiTConfig(depth, hidden, h, p, grid * p, inChannels, tableRows - 1, outChannels == 2 * inChannels,
            mlpHidden / (double)hidden, ClassDropout: 0.1);
    }

    /// <summary>Builds the DiT a state dict describes and loads it strictly.</summary>
    public static DiT Load(IReadOnlyDictionary<string, Tensor> state, string source, int? heads = null)
    {
        var model = new DiT(InferConfig(state, heads));
        StrictLoader.Load(model, state, source);
        return model;
    }

    private static Tensor Get(IReadOnlyDictionary<string, Tensor> state, string key) =>
        state.TryGetValue(key, out var t) ? t : throw new CheckpointMismatchException($"Not a DiT state dict: '{key}' is missing.");
}
