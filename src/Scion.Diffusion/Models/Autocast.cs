using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>
/// Mixed precision for the DiT's matrix products, in the manner of <c>torch.autocast</c> on CPU (which TorchSharp
/// does not have). Inside a <see cref="BFloat16"/> scope the token-wise linear layers (patch embedding, attention
/// <c>qkv</c> and <c>proj</c>, MLP, final linear) round their input, weight and bias to bfloat16, multiply, and hand
/// back float32. Parameters, gradients, optimizer and EMA state and all element-wise work (LayerNorm, softmax, GELU,
/// modulation, the loss) stay float32. On a CPU with native bfloat16 products (AVX512-BF16, AMX) the small teacher
/// trains about 1.6× faster (README); elsewhere it is correct but may be slower. Like autocast, the setting belongs
/// to the calling thread.
/// </summary>
public static class Autocast
{
    [ThreadStatic]
    private static bool bfloat16;

    /// <summary>Whether linear layers on this thread multiply in bfloat16 now.</summary>
    public static bool IsBFloat16 => bfloat16;

    /// <summary>Whether this CPU multiplies bfloat16 natively (Linux: the avx512_bf16 or amx_bf16 flag in /proc/cpuinfo).
    /// False where that cannot be read.</summary>
    public static bool NativeBFloat16 => nativeBFloat16.Value;

    private static readonly Lazy<bool> nativeBFloat16 = new(() =>
    {
        try
        {
            return File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo")
                .Any(line => line.StartsWith("flags", StringComparison.Ordinal) && (line.Contains(" avx512_bf16", StringComparison.Ordinal) || line.Contains(" amx_bf16", StringComparison.Ordinal)));
        }
        catch (IOException)
        {
            return false;
        }
    });

    /// <summary>Turns bfloat16 products on (or off) for this thread until the returned scope is disposed.</summary>
    public static IDisposable BFloat16(bool enabled = true)
    {
        var scope = new Scope(bfloat16);
        bfloat16 = enabled;
        return scope;
    }

    /// <summary><c>x · Wᵀ + b</c> of a Linear layer, in bfloat16 inside a <see cref="BFloat16"/> scope.</summary>
    public static Tensor Linear(Linear layer, Tensor x) => Linear(x, layer.weight!, layer.bias);

    /// <summary><c>x · Wᵀ + b</c>, in bfloat16 inside a <see cref="BFloat16"/> scope (float32 in, float32 out).</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        if (!bfloat16 || x.dtype != ScalarType.Float32)
        {
            return nn.functional.linear(x, weight, bias);
        }

        using var scope = NewDisposeScope();
        var product = nn.functional.linear(x.to(ScalarType.BFloat16), weight.to(ScalarType.BFloat16), bias?.to(ScalarType.BFloat16));
        return product.to(ScalarType.Float32).MoveToOuterDisposeScope();
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
