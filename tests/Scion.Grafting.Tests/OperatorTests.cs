using Scion.Grafting.Operators;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Grafting.Tests;

public sealed class OperatorTests
{
    private const int Dim = 8;
    private const int Heads = 2;
    private const int Tokens = 16;

    public static TheoryData<string> AllOperators => [.. OperatorRegistry.Names];

    public static TheoryData<string> CausalOperators => ["hyena-x", "hyena-y", "hyena-se", "mamba2", "mlp-r3", "mlp-r6", "mlp-hyena-x"];

    public sealed class Shapes
    {
        [Theory]
        [MemberData(nameof(AllOperators), MemberType = typeof(OperatorTests))]
        public void Output_has_the_input_shape(string name)
        {
            manual_seed(1);
            using var op = OperatorRegistry.Get(name).Create(Dim, Heads);
            using var x = randn(2, Tokens, Dim);
            using var y = op.forward(x);
            Assert.Equal(x.shape, y.shape);
            Assert.True(y.isfinite().all().item<bool>());
        }

        [Fact]
        public void Unknown_operator_names_the_known_ones()
        {
            var error = Assert.Throws<ArgumentException>(() => OperatorRegistry.Get("hyena-z"));
            Assert.Contains("hyena-z", error.Message);
            Assert.Contains("hyena-x", error.Message);
        }
    }

    public sealed class Causality
    {
        [Theory]
        [MemberData(nameof(CausalOperators), MemberType = typeof(OperatorTests))]
        public void Changing_token_k_leaves_earlier_outputs_unchanged(string name)
        {
            manual_seed(2);
            using var op = OperatorRegistry.Get(name).Create(Dim, Heads);
            using var x = randn(1, Tokens, Dim);
            using var changed = x.clone();
            const int k = 9;
            using (no_grad())
            {
                changed[0, k] += 1.0f;
            }

            using var y = op.forward(x);
            using var y2 = op.forward(changed);
            Assert.True(y[0, ..k].allclose(y2[0, ..k], 1e-6, 1e-6), $"{name}: outputs before token {k} changed");
            Assert.True((y[0, k] - y2[0, k]).abs().max().item<float>() > 1e-5, $"{name}: output at token {k} did not change");
        }

        [Theory]
        [InlineData("hyena-x")]
        [InlineData("hyena-se")]
        [InlineData("mamba2")]
        public void Token_mixers_see_earlier_tokens(string name)
        {
            manual_seed(3);
            using var op = OperatorRegistry.Get(name).Create(Dim, Heads);
            using var x = randn(1, Tokens, Dim);
            using var changed = x.clone();
            using (no_grad())
            {
                changed[0, 4] += 1.0f;
            }

            using var y = op.forward(x);
            using var y2 = op.forward(changed);
            Assert.True((y[0, 6] - y2[0, 6]).abs().max().item<float>() > 1e-6, $"{name}: token 6 ignores token 4");
        }
    }

    public sealed class Initialisation
    {
        [Fact]
        public void Hyena_y_inner_filter_starts_as_the_identity()
        {
            manual_seed(4);
            using var hyena = new Hyena(Dim, HyenaKind.Y);
            using var x = randn(2, Tokens, Dim);
            using var y = hyena.InnerFilter!.forward(x);
            Assert.True(y.allclose(x, 0, 0));
        }

        [Fact]
        public void Short_conv_sees_the_three_previous_tokens_only()
        {
            manual_seed(5);
            using var conv = new ShortConv(3);
            using var x = zeros(1, 10, 3);
            using (no_grad())
            {
                x[0, 2] += 1.0f;
            }

            using var y = conv.forward(x);
            using var bias = conv.forward(zeros(1, 10, 3));
            using var response = (y - bias).abs().sum(-1)[0];
            var moved = Enumerable.Range(0, 10).Where(t => response[t].item<float>() > 0).ToArray();
            Assert.Equal([2, 3, 4, 5], moved);
        }
    }

    public sealed class SlidingWindow
    {
        [Fact]
        public void Equals_full_attention_with_a_band_mask()
        {
            manual_seed(6);
            using var swa = new SlidingWindowAttention(Dim, Heads, window: 2);
            using var x = randn(2, Tokens, Dim);
            using var y = swa.forward(x);

            // The same attention written out: scores, −∞ outside |i − j| ≤ 2, softmax, weighted values, projection.
            var p = swa.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);
            using var qkv = nn.functional.linear(x, p["qkv.weight"], p["qkv.bias"]).reshape(2, Tokens, 3, Heads, Dim / Heads).permute(2, 0, 3, 1, 4);
            using var scores = qkv[0].matmul(qkv[1].transpose(-2, -1)) / Math.Sqrt(Dim / Heads);
            using var band = SlidingWindowAttention.BandMask(Tokens, 2);
            using var masked = scores.masked_fill(band.logical_not(), double.NegativeInfinity);
            using var attended = masked.softmax(-1).matmul(qkv[2]).transpose(1, 2).reshape(2, Tokens, Dim);
            using var expected = nn.functional.linear(attended, p["proj.weight"], p["proj.bias"]);
            Assert.True(y.allclose(expected, 1e-5, 1e-6));
        }

        [Fact]
        public void Band_mask_counts_the_band_pairs()
        {
            using var band = SlidingWindowAttention.BandMask(Tokens, 4);
            Assert.Equal(OperatorRegistry.BandPairs(Tokens, 4), band.sum().item<long>());
            Assert.Equal(124, OperatorRegistry.BandPairs(Tokens, 4));
        }
    }
}
