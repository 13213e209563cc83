using static TorchSharp.torch;

namespace Scion.Grafting.Operators;

/// <summary>
/// One graftable operator: the slot it fills, how to build it for a block of width <c>dim</c> with <c>heads</c>
/// heads, and its analytic parameter and FLOPs counts. FLOPs per sample: a multiply-add in a product or
/// convolution counts 2, an elementwise product 1; biases, activations, norms and softmax are not counted.
/// </summary>
public sealed record OperatorSpec(
    string Name,
    OperatorSlot Slot,
    string Description,
    Func<int, int, Device?, nn.Module<Tensor, Tensor>> Build,
    Func<int, int, long> Parameters,
    Func<int, int, long> Flops)
{
    /// <summary>The state-dict name of the module this operator replaces inside a block.</summary>
    public string ModuleName => Slot == OperatorSlot.Attention ? "attn" : "mlp";

    /// <summary>A fresh operator; its initial weights are drawn under the global generator's gate.</summary>
    public nn.Module<Tensor, Tensor> Create(int dim, int heads, Device? device = null)
    {
        using var drawing = Scion.Torch.GlobalGenerator.Hold();
        return Build(dim, heads, device);
    }

    public override string ToString() => Name;
}
