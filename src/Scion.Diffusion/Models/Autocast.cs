using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>
/// Mixed precision for the DiT's matrix products, in the manner of <c>torch.autocast</c> on CPU (which TorchSharp
/// does not have). Inside a <see cref="BFloat16"/> scope the token-wise linear layers (patch embedding, attention
/// <c>qkv</c> and <c>proj</c>, MLP, final linear) round their input, weight and bias to bfloat16, multiply, and hand
/// back float32; attention multiplies q·kᵀ and the weights·v in bfloat16 with the softmax in float32. Where a product
/// feeds the next one directly (<see cref="LinearUncast"/>: <c>qkv</c> into attention, <c>fc1</c> through GELU into
/// <c>fc2</c>) it stays bfloat16 in between, since the next product would round it anyway. Parameters, gradients,
/// optimizer and EMA state, the residual stream and the other element-wise work (LayerNorm, softmax, modulation, the
/// loss) stay float32. On a CPU with AMX the small teacher trains about 1.9× faster (README); on one with AVX512-BF16
/// alone it was slower, so <see cref="PrecisionProbe"/> measures before a pipeline takes it. Like autocast, the setting
/// belongs to the calling thread.
/// </summary>
public static class Autocast
{
    [ThreadStatic]
    private static bool bfloat16;

    /// <summary>Whether linear layers on this thread multiply in bfloat16 now.</summary>
    public static bool IsBFloat16 => bfloat16;

    /// <summary>Turns bfloat16 products on (or off) for this thread until the returned scope is disposed.</summary>
    public static IDisposable BFloat16(bool enabled = true)
    {
        var scope = new Scope(bfloat16);
        bfloat16 = enabled;
        return scope;
    }

    /// <summary><c>x · Wᵀ + b</c> of a Linear layer, in bfloat16 inside a <see cref="BFloat16"/> scope.</summary>
    public static Tensor Linear(Linear layer, Tensor x) => Linear(x, layer.weight!, layer.bias);

    /// <summary><c>x · Wᵀ + b</c>, in bfloat16 inside a <see cref="BFloat16"/> scope (float32 or bfloat16 in, float32 out).</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        if (!InScope(x))
        {
            return nn.functional.linear(x, weight, bias);
        }

        using var scope = NewDisposeScope();
        return Product(x, weight, bias).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <c>x · Wᵀ + b</c> of a Linear layer for a next product: inside a <see cref="BFloat16"/> scope the bfloat16
    /// product as it is (casting it to float32 and back would cost two passes and change nothing that the next
    /// product does not round away); outside, the float32 product.
    /// </summary>
    public static Tensor LinearUncast(Linear layer, Tensor x) =>
        InScope(x) ? Product(x, layer.weight!, layer.bias) : nn.functional.linear(x, layer.weight!, layer.bias);

    private static bool InScope(Tensor x) => bfloat16 && x.dtype is ScalarType.Float32 or ScalarType.BFloat16;

    private static Tensor Product(Tensor x, Tensor weight, Tensor? bias)
    {
        using var scope = NewDisposeScope();
        return nn.functional.linear(x.to(ScalarType.BFloat16), weight.to(ScalarType.BFloat16), bias?.to(ScalarType.BFloat16)).MoveToOuterDisposeScope();
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                bfloat16 = previous;
                disposed = true;
            }
        }
    }
}
