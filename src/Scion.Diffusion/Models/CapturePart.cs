namespace Scion.Diffusion.Models;

/// <summary>What an <see cref="OperatorCapture"/> records in a block.</summary>
public enum CapturePart
{
    /// <summary>The token mixer's input and pre-gate output.</summary>
    Attention,

    /// <summary>The MLP's input and pre-gate output.</summary>
    Mlp,

    /// <summary>The block's input hidden state, its conditioning, and its output.</summary>
    Block,
}
