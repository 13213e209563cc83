using Scion.Grafting.Operators;
using static TorchSharp.torch;

namespace Scion.Grafting.Tests;

public sealed class MambaTests
{
    public sealed class Scan
    {
        [Theory]
        [InlineData(16, 4)]
        [InlineData(10, 4)] // padded last chunk
        [InlineData(7, 16)] // one chunk longer than the sequence
        public void Chunked_equals_the_naive_recurrence(int length, int chunk)
        {
            manual_seed(7);
            using var x = randn(2, length, 3, 5, dtype: float64);
            using var a = -rand(2, length, 3, dtype: float64); // log decays ≤ 0
            using var b = randn(2, length, 4, dtype: float64);
            using var c = randn(2, length, 4, dtype: float64);
            using var naive = StateSpaceScan.Recurrent(x, a, b, c);
            using var chunked = StateSpaceScan.Chunked(x, a, b, c, chunk);
            Assert.Equal(naive.shape, chunked.shape);
            Assert.True(chunked.allclose(naive, 1e-9, 1e-10), $"max difference {(chunked - naive).abs().max().item<double>()}");
        }

        [Fact]
        public void Recurrence_matches_a_hand_computed_case()
        {
            // One head, p = n = 1: h_t = exp(a)·h_{t−1} + x_t·b, y_t = c·h_t, with a = ln ½, b = 2, c = 3.
            using var x = tensor(new double[] { 1, 0, 2 }).reshape(1, 3, 1, 1);
            using var a = full(new long[] { 1, 3, 1 }, Math.Log(0.5), dtype: float64);
            using var b = full(new long[] { 1, 3, 1 }, 2.0, dtype: float64);
            using var c = full(new long[] { 1, 3, 1 }, 3.0, dtype: float64);
            using var y = StateSpaceScan.Chunked(x, a, b, c, 2).flatten();
            // h = 2, 1, 4.5 → y = 6, 3, 13.5
            Assert.Equal([6.0, 3.0, 13.5], y.data<double>().ToArray().Select(v => Math.Round(v, 9)));
        }
    }

    public sealed class Module
    {
        [Fact]
        public void Chunked_module_equals_the_recurrent_module()
        {
            manual_seed(8);
            using var mamba = new Mamba2(16, chunk: 4);
            using var x = randn(2, 11, 16);
            using var chunked = mamba.forward(x);
            mamba.Recurrent = true;
            using var naive = mamba.forward(x);
            Assert.True(chunked.allclose(naive, 1e-4, 1e-5), $"max difference {(chunked - naive).abs().max().item<float>()}");
        }

        [Fact]
        public void Has_the_reference_sizes()
        {
            using var mamba = new Mamba2(64);
            Assert.Equal(128, mamba.Inner);
            Assert.Equal(8, mamba.Heads);
            Assert.Equal(64, mamba.State);
            Assert.Equal(16, mamba.HeadDim);
        }
    }
}
