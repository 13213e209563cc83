using Scion.Diffusion.Models;
using Scion.Grafting.Operators;

namespace Scion.Grafting.Surgery;

/// <summary>
/// Analytic FLOPs of one DiT forward pass for one image (the counting rules of <see cref="OperatorSpec"/>): patch
/// embedding, timestep MLP, per block the adaLN projection, the token mixer and the MLP, and the final layer.
/// </summary>
public sealed record ModelFlops(long Total, long TokenMixing)
{
    public static ModelFlops Of(DiTConfig config, GraftPlan? plan = null)
    {
        int d = config.Hidden, t = config.Tokens;
        long patch = 2L * t * config.Patch * config.Patch * config.InChannels * d;
        long timestep = 2L * ((256L * d) + ((long)d * d));
        long final = (2L * d * 2 * d) + (2L * t * d * config.Patch * config.Patch * config.OutChannels);
        long mixing = 0, blocks = 0;
        for (int i = 0; i < config.Depth; i++)
        {
            var spec = plan?.Operator is { } op && plan.Layers.Contains(i) ? op : null;
            long attention = spec?.Slot == OperatorSlot.Attention ? spec.Flops(d, t) : OperatorRegistry.AttentionFlops(d, t);
            long mlp = spec?.Slot == OperatorSlot.Mlp ? spec.Flops(d, t) : 2L * 2 * t * d * config.MlpHidden;
            mixing += attention;
            blocks += (2L * d * 6 * d) + attention + mlp; // as Block(config) when nothing is grafted
        }

        return new ModelFlops(patch + timestep + blocks + final, mixing);
    }

    /// <summary>FLOPs of one unmodified DiT block (adaLN projection, attention, MLP) for one image.</summary>
    public static long Block(DiTConfig config)
    {
        int d = config.Hidden, t = config.Tokens;
        return (2L * d * 6 * d) + OperatorRegistry.AttentionFlops(d, t) + (2L * 2 * t * d * config.MlpHidden);
    }
}
