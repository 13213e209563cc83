using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>Multi-head self-attention as in timm (DiT's attention): <c>qkv</c> D→3D, <c>proj</c> D→D.</summary>
public sealed class Attention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int heads;

    public Attention(int dim, int heads, Device? device = null) : base(nameof(Attention))
    {
        this.heads = heads;
        qkv = nn.Linear(dim, dim * 3, hasBias: true, device: device);
        proj = nn.Linear(dim, dim, hasBias: true, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], c = x.shape[2];
        // unbind, not three selects: its backward stacks the three gradients instead of adding three zero-padded copies
        var qkvOut = Autocast.LinearUncast(qkv, x).reshape(b, n, 3, heads, c / heads).permute(2, 0, 3, 1, 4).unbind(0);
        var attended = Attend(qkvOut[0], qkvOut[1], qkvOut[2]);
        return Autocast.Linear(proj, attended.transpose(1, 2).reshape(b, n, c)).MoveToOuterDisposeScope();
    }

    /// <summary>softmax(q·kᵀ / √d)·v per head; with bfloat16 q, k, v (inside an <see cref="Autocast"/> scope) the two
    /// products are bfloat16 and the softmax float32, as torch.autocast on CPU has it.</summary>
    private static Tensor Attend(Tensor q, Tensor k, Tensor v)
    {
        if (q.dtype != ScalarType.BFloat16)
        {
            return nn.functional.scaled_dot_product_attention(q, k, v);
        }

        // not the fused kernel: at the teacher's 64 tokens its bfloat16 backward is slower than float32 (README)
        using var scope = NewDisposeScope();
        var scores = (q * (1.0 / Math.Sqrt(q.shape[^1]))).matmul(k.transpose(-2, -1));
        return scores.to(ScalarType.Float32).softmax(-1).to(ScalarType.BFloat16).matmul(v).MoveToOuterDisposeScope();
    }
}
