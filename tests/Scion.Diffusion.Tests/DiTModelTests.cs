using System.Text.Json;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class DiTModelTests
{
    private static DiTConfig Small => new(Depth: 2, Hidden: 32, Heads: 4, Patch: 4, InputSize: 16, InChannels: 3, NumClasses: 5);

    public sealed class Shapes
    {
        [Theory]
        [MemberData(nameof(Names))]
        public void Every_named_configuration_has_the_official_shapes_on_the_meta_device(string name)
        {
            var config = DiTConfig.Named(name, inputSize: 32, inChannels: 4, numClasses: 1000);
            using var model = new DiT(config, new Device(DeviceType.META));
            model.eval();
            var state = model.state_dict();
            int d = config.Hidden, p = config.Patch;
            Assert.Equal([d, 4, p, p], state["x_embedder.proj.weight"].shape);
            Assert.Equal([1, config.Tokens, d], state["pos_embed"].shape);
            Assert.Equal([1001, d], state["y_embedder.embedding_table.weight"].shape);
            Assert.Equal([3 * d, d], state[$"blocks.{config.Depth - 1}.attn.qkv.weight"].shape);
            Assert.Equal([4 * d, d], state["blocks.0.mlp.fc1.weight"].shape);
            Assert.Equal([6 * d, d], state["blocks.0.adaLN_modulation.1.weight"].shape);
            Assert.Equal([p * p * 8, d], state["final_layer.linear.weight"].shape);
            Assert.Equal([d, TimestepEmbedder.FrequencySize], state["t_embedder.mlp.0.weight"].shape);

            // Embedding lookups have no meta kernel: the forward shape is checked on one real block of the same width.
            using var oneBlock = new DiT(config with { Depth = 1 });
            oneBlock.eval();
            using var x = zeros([1, 4, 32, 32]);
            using var t = zeros([1], int64);
            using var output = oneBlock.forward(x, t, t);
            Assert.Equal([1, 8, 32, 32], output.shape);
        }

        public static TheoryData<string> Names => new(DiTConfig.AllNames);

        [Fact]
        public void DiT_XL_2_has_675M_parameters_and_the_official_key_set()
        {
            using var model = new DiT(DiTConfig.Named("DiT-XL/2"), new Device(DeviceType.META));
            // The official count, 675,129,632, includes pos_embed (a frozen nn.Parameter there, a buffer here).
            long count = model.parameters().Sum(q => q.numel()) + model.state_dict()["pos_embed"].numel();
            Assert.Equal(675_129_632, count);
            var keys = model.state_dict().Keys.ToHashSet();
            Assert.Equal(2 + 1 + 4 + 1 + (28 * 10) + 4, keys.Count); // x_embedder 2 + pos 1 + t 4 + y 1 + 28 blocks × 10 + final 4
            Assert.Contains("final_layer.adaLN_modulation.1.bias", keys);
            Assert.DoesNotContain(keys, k => k.Contains("norm"));
        }
    }

    public sealed class Configuration
    {
        [Fact]
        public void The_prediction_target_travels_in_the_config_json_and_old_json_means_epsilon()
        {
            var config = DiTConfig.Named("DiT-N/4", 32, 3, 10) with { Target = PredictionTarget.Velocity };
            string json = JsonSerializer.Serialize(config);
            Assert.Contains("\"Target\":\"Velocity\"", json, StringComparison.Ordinal);
            Assert.Equal(config, JsonSerializer.Deserialize<DiTConfig>(json));
            string old = json.Replace(",\"Target\":\"Velocity\"", "", StringComparison.Ordinal);
            Assert.Equal(config with { Target = PredictionTarget.Epsilon }, JsonSerializer.Deserialize<DiTConfig>(old));
        }
    }

    public sealed class Initialisation
    {
        [Fact]
        public void AdaLN_Zero_makes_every_block_the_identity_and_the_output_zero()
        {
            manual_seed(1);
            using var model = new DiT(Small);
            model.eval();
            using var h = randn(3, 16, 32);
            using var c = randn(3, 32);
            for (int i = 0; i < model.Depth; i++)
            {
                using var y = model[i].forward(h, c);
                Assert.Equal(0f, (y - h).abs().max().item<float>());
            }

            using var x = randn(3, 3, 16, 16);
            using var output = model.forward(x, tensor(new long[] { 1, 500, 999 }), tensor(new long[] { 0, 1, 5 }));
            Assert.Equal(0, output.abs().max().item<float>());
        }

        [Fact]
        public void The_position_embedding_matches_its_closed_form()
        {
            using var pos = PositionEmbedding.SinCos2D(8, 3);
            // token (row 2, column 1) of a 3×3 grid, D = 8: ω = [1, 1/100]
            var row = pos[0, (2 * 3) + 1].data<float>().ToArray();
            double[] expected = [Math.Sin(1), Math.Sin(0.01), Math.Cos(1), Math.Cos(0.01), Math.Sin(2), Math.Sin(0.02), Math.Cos(2), Math.Cos(0.02)];
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(expected[i], row[i], 6);
            }
        }

        [Fact]
        public void The_timestep_embedding_puts_cosine_first()
        {
            using var emb = TimestepEmbedder.Frequencies(tensor(new long[] { 3 }), dim: 4);
            var v = emb.data<float>().ToArray();
            // half = 2: f = [1, exp(-ln(10000)/2) = 0.01]
            Assert.Equal(Math.Cos(3), v[0], 5);
            Assert.Equal(Math.Cos(0.03), v[1], 5);
            Assert.Equal(Math.Sin(3), v[2], 5);
            Assert.Equal(Math.Sin(0.03), v[3], 5);
        }
    }

    public sealed class Blocks
    {
        [Fact]
        public void A_block_computes_the_adaLN_Zero_formula_of_the_paper()
        {
            // x₁ = x + g₁·attn(LN(x)·(1 + s₁) + b₁), out = x₁ + g₂·mlp(LN(x₁)·(1 + s₂) + b₂), with the six
            // vectors in DiT's chunk order (shift, scale, gate for attention, then for the MLP)
            manual_seed(4);
            using var block = new DiTBlock(16, 4, 64);
            using (no_grad())
            {
                foreach (var (_, p) in block.named_parameters())
                {
                    p.normal_(0, 0.3); // past the zero init, so that every term counts
                }
            }

            using var x = randn(2, 5, 16);
            using var c = randn(2, 16);
            using var scope = NewDisposeScope();
            var m = block.Modulation.forward(nn.functional.silu(c)).chunk(6, 1);
            Tensor Norm(Tensor t) => nn.functional.layer_norm(t, [16], eps: 1e-6);
            Tensor Mod(Tensor t, int at) => Norm(t) * (1 + m[at + 1].unsqueeze(1)) + m[at].unsqueeze(1);
            var x1 = x + m[2].unsqueeze(1) * block.Attn.forward(Mod(x, 0));
            var expected = x1 + m[5].unsqueeze(1) * block.MlpOperator.forward(Mod(x1, 3));
            Assert.True(block.forward(x, c).allclose(expected, 1e-5, 1e-5));
        }
    }

    public sealed class Operators
    {
        [Fact]
        public void An_operator_can_be_swapped_in_place_and_keeps_its_key_names()
        {
            using var model = new DiT(Small);
            var block = model.Block(1);
            block.Attn = new Attention(32, 2);
            var keys = model.state_dict().Keys.ToList();
            Assert.Contains("blocks.1.attn.qkv.weight", keys);
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.Same(block.Attn, model.Block(1).Attn);
        }

        [Fact]
        public void Capture_records_operator_inputs_and_pre_gate_outputs()
        {
            manual_seed(2);
            using var model = new DiT(Small);
            using (no_grad())
            {
                foreach (var (_, p) in model.named_parameters())
                {
                    p.normal_(0, 0.05); // past the zero init, so that the outputs are not all zero
                }
            }

            var capture = new OperatorCapture(CapturePart.Attention);
            model.Block(0).Capture = capture;
            using var x = randn(2, 3, 16, 16);
            using var labels = tensor(new long[] { 1, 2 });
            using var _ = model.forward(x, labels, labels);
            Assert.Single(capture.Inputs);
            Assert.Equal([2, 16, 32], capture.Inputs[0].shape);
            using var again = model.Block(0).Attn.forward(capture.Inputs[0]);
            Assert.True(again.allclose(capture.Outputs[0], 1e-5, 1e-6));
            capture.Clear();
        }
    }
}

public sealed class AttentionMixingTests
{
    [Fact]
    public void Attention_output_at_one_token_depends_on_the_others()
    {
        manual_seed(3);
        using var attention = new Attention(16, 4);
        using var x = randn(1, 5, 16);
        using var y = attention.forward(x);
        using var changed = x.clone();
        using (no_grad())
        {
            changed[0, 4] += 1.0f;
        }

        using var y2 = attention.forward(changed);
        Assert.True((y2[0, 0] - y[0, 0]).abs().max().item<float>() > 1e-4);
    }
}
