namespace Scion.Grafting.Surgery;

/// <summary>What grafting changes: one operator inside the selected blocks, or the depth of the network.</summary>
public enum GraftMode
{
    /// <summary>Replace the attention or MLP of the selected blocks by a new operator.</summary>
    Operator,

    /// <summary>Run pairs of consecutive blocks (2k, 2k+1) side by side on the same input: half the sequential depth.</summary>
    DepthToWidth,
}
