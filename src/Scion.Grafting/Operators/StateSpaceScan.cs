using static TorchSharp.torch;

namespace Scion.Grafting.Operators;

/// <summary>
/// The selective state-space recurrence of Mamba-2 (one group shared by all heads):
/// <c>h_t = exp(A_t)·h_{t−1} + X_t ⊗ B_t</c>, <c>y_t = h_t · C_t</c>, with X [b, T, heads, p], A [b, T, heads]
/// (already multiplied by dt), B and C [b, T, n]. <see cref="Chunked"/> is the block decomposition of the SSD
/// paper (quadratic inside a chunk, a recurrence over chunk states); <see cref="Recurrent"/> is the loop itself,
/// the reference the chunked form is tested against.
/// </summary>
public static class StateSpaceScan
{
    public static Tensor Recurrent(Tensor x, Tensor a, Tensor b, Tensor c)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], length = x.shape[1], heads = x.shape[2], p = x.shape[3], n = b.shape[2];
        var state = zeros([batch, heads, p, n], dtype: x.dtype, device: x.device);
        var outputs = new List<Tensor>();
        for (int t = 0; t < length; t++)
        {
            var decay = a[.., t].exp().reshape(batch, heads, 1, 1);
            state = decay * state + x[.., t].unsqueeze(-1) * b[.., t].reshape(batch, 1, 1, n);
            outputs.Add(einsum("bhpn,bn->bhp", state, c[.., t]));
        }

        return stack(outputs, 1).MoveToOuterDisposeScope();
    }

    public static Tensor Chunked(Tensor x, Tensor a, Tensor b, Tensor c, int chunk)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], length = x.shape[1], heads = x.shape[2], p = x.shape[3], n = b.shape[2];
        long padded = (length + chunk - 1) / chunk * chunk;
        if (padded != length)
        {
            // Zero input and zero decay exponent after the end: causal, so earlier outputs are unchanged.
            long extra = padded - length;
            x = cat([x, zeros([batch, extra, heads, p], dtype: x.dtype, device: x.device)], 1);
            a = cat([a, zeros([batch, extra, heads], dtype: a.dtype, device: a.device)], 1);
            b = cat([b, zeros([batch, extra, n], dtype: b.dtype, device: b.device)], 1);
            c = cat([c, zeros([batch, extra, n], dtype: c.dtype, device: c.device)], 1);
        }

        long chunks = padded / chunk;
        var xc = x.reshape(batch, chunks, chunk, heads, p);
        var bc = b.reshape(batch, chunks, chunk, n);
        var cc = c.reshape(batch, chunks, chunk, n);
        var ac = a.reshape(batch, chunks, chunk, heads).permute(0, 3, 1, 2); // [b, h, chunks, l]
        var cumulative = ac.cumsum(-1);

        // 1. Outputs from inputs in the same chunk.
        var within = SegmentSum(ac).exp();
        var yDiagonal = einsum("bcln,bcsn,bhcls,bcshp->bclhp", cc, bc, within, xc);

        // 2. Each chunk's final state from its own inputs.
        var decayToEnd = (cumulative[.., .., .., ^1..] - cumulative).exp();
        var states = einsum("bcln,bhcl,bclhp->bchpn", bc, decayToEnd, xc);

        // 3. States carried across chunks (the state entering chunk z).
        states = cat([zeros_like(states[.., ..1]), states], 1);
        var chunkDecay = SegmentSum(nn.functional.pad(cumulative[.., .., .., -1], [1, 0])).exp();
        var carried = einsum("bhzc,bchpn->bzhpn", chunkDecay, states)[.., ..^1];

        // 4. Outputs from the state entering each chunk.
        var yCarried = einsum("bcln,bchpn,bhcl->bclhp", cc, carried, cumulative.exp());
        var y = (yDiagonal + yCarried).reshape(batch, padded, heads, p);
        return y[.., ..(int)length].MoveToOuterDisposeScope();
    }

    /// <summary>[..., T] → [..., T, T] with entry (i, j) = Σ_{j&lt;k≤i} x_k for i ≥ j and −∞ above the diagonal.</summary>
    internal static Tensor SegmentSum(Tensor x)
    {
        using var scope = NewDisposeScope();
        long t = x.shape[^1];
        var repeated = x.unsqueeze(-1).expand([.. x.shape, t]);
        var strictlyBelow = ones([t, t], dtype: ScalarType.Bool, device: x.device).tril(-1);
        var sums = repeated.masked_fill(strictlyBelow.logical_not(), 0).cumsum(-2);
        var onOrBelow = ones([t, t], dtype: ScalarType.Bool, device: x.device).tril(0);
        return sums.masked_fill(onOrBelow.logical_not(), double.NegativeInfinity).MoveToOuterDisposeScope();
    }
}
