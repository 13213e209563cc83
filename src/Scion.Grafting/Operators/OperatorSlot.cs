namespace Scion.Grafting.Operators;

/// <summary>Which operator of a DiT block a replacement takes the place of.</summary>
public enum OperatorSlot
{
    /// <summary>The token mixer (<c>blocks.N.attn</c>).</summary>
    Attention,

    /// <summary>The channel mixer (<c>blocks.N.mlp</c>).</summary>
    Mlp,
}
