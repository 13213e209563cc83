using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>
/// Set on a block to record, on its next forward passes, what one of its parts saw and produced: for an operator,
/// its modulated, normalised input and its output before the gate multiply; for the whole block, the hidden state
/// coming in (with the conditioning vector) and going out. Tensors are detached copies (no graph kept, the model
/// is not copied); the caller disposes them with <see cref="Clear"/>.
/// </summary>
public sealed class OperatorCapture(CapturePart part = CapturePart.Attention)
{
    public CapturePart Part { get; } = part;

    public List<Tensor> Inputs { get; } = [];

    public List<Tensor> Outputs { get; } = [];

    /// <summary>The conditioning vector c of each pass (recorded for <see cref="CapturePart.Block"/> only).</summary>
    public List<Tensor> Conditioning { get; } = [];

    internal void Record(Tensor input, Tensor output, Tensor? conditioning = null)
    {
        Inputs.Add(Copy(input));
        Outputs.Add(Copy(output));
        if (conditioning is not null)
        {
            Conditioning.Add(Copy(conditioning));
        }
    }

    public void Clear()
    {
        foreach (var t in Inputs.Concat(Outputs).Concat(Conditioning))
        {
            t.Dispose();
        }

        Inputs.Clear();
        Outputs.Clear();
        Conditioning.Clear();
    }

    private static Tensor Copy(Tensor value) => value.detach().clone().DetachFromDisposeScope();
}
