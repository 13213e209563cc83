using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>
/// Set on a block to record, on its next forward passes, what its operators saw and produced: the
/// modulated, normalised input of attention and MLP and their outputs before the gate multiply.
/// Tensors are detached (no copy of the model, no graph kept); the caller disposes them with <see cref="Clear"/>.
/// </summary>
public sealed class OperatorCapture
{
    public List<Tensor> AttentionInputs { get; } = [];

    public List<Tensor> AttentionOutputs { get; } = [];

    public List<Tensor> MlpInputs { get; } = [];

    public List<Tensor> MlpOutputs { get; } = [];

    internal static void Record(List<Tensor> into, Tensor value) => into.Add(value.detach().clone().DetachFromDisposeScope());

    public void Clear()
    {
        foreach (var t in AttentionInputs.Concat(AttentionOutputs).Concat(MlpInputs).Concat(MlpOutputs))
        {
            t.Dispose();
        }

        AttentionInputs.Clear();
        AttentionOutputs.Clear();
        MlpInputs.Clear();
        MlpOutputs.Clear();
    }
}
