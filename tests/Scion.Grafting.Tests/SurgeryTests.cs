using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using Scion.Grafting.Surgery;
using static TorchSharp.torch;

namespace Scion.Grafting.Tests;

public sealed class SurgeryTests
{
    internal static readonly DiTConfig Small = new(InputSize: 16, Patch: 4, InChannels: 3, Hidden: 16, Depth: 4, Heads: 2, NumClasses: 3);

    internal static DiT Teacher(int seed)
    {
        manual_seed(seed);
        var model = new DiT(Small);
        using var noGrad = no_grad();
        foreach (var (_, p) in model.named_parameters())
        {
            p.normal_(0, 0.1); // past adaLN-Zero, so that every block does something
        }

        return model;
    }

    public sealed class Selection
    {
        [Fact]
        public void Interleaved_50_takes_the_odd_blocks()
        {
            Assert.Equal(Enumerable.Range(0, 14).Select(i => (2 * i) + 1), LayerSelection.Resolve("interleaved-50", 28));
        }

        [Fact]
        public void Interleaved_75_skips_multiples_of_4()
        {
            var layers = LayerSelection.Resolve("interleaved-75", 28);
            Assert.Equal(21, layers.Count);
            Assert.DoesNotContain(0, layers);
            Assert.DoesNotContain(24, layers);
            Assert.Contains(27, layers);
        }

        [Fact]
        public void All_and_explicit_lists()
        {
            Assert.Equal([0, 1, 2, 3], LayerSelection.Resolve("all", 4));
            Assert.Equal([1, 3], LayerSelection.Resolve(" 3, 1 ", 4));
        }

        [Theory]
        [InlineData("1,9", "block 9")]
        [InlineData("odd", "'odd' is not a block index")]
        [InlineData("interleaved-50", "picks no block")]
        public void Bad_selections_fail_naming_the_problem(string rule, string expected)
        {
            var error = Assert.Throws<ArgumentException>(() => LayerSelection.Resolve(rule, rule == "interleaved-50" ? 1 : 4));
            Assert.Contains(expected, error.Message);
        }
    }

    public sealed class DepthToWidth
    {
        [Fact]
        public void A_pair_computes_x_plus_both_branches()
        {
            using var teacher = Teacher(9);
            using var x = randn(2, Small.Tokens, Small.Hidden);
            using var c = randn(2, Small.Hidden);
            var (b0, b1) = (teacher.Block(0), teacher.Block(1));
            using var f1 = b0.forward(x, c) - x;
            using var f2 = b1.forward(x, c) - x;
            using var expected = x + f1 + f2;
            using var pair = DiT.ParallelPair(b0, b1, x, c);
            Assert.True(pair.allclose(expected, 1e-5, 1e-6));
        }

        [Fact]
        public void The_model_runs_its_pairs_in_parallel()
        {
            using var teacher = Teacher(10);
            teacher.eval(); // no label dropout: in training mode its draws come from the global generator other tests share
            using var x = randn(2, 3, 16, 16);
            using var t = tensor(new long[] { 5, 500 });
            using var y = tensor(new long[] { 0, 2 });
            using var sequential = teacher.forward(x, t, y);
            teacher.ParallelPairs = new HashSet<int> { 0, 2 };
            using var parallel = teacher.forward(x, t, y);
            Assert.False(parallel.allclose(sequential, 1e-4, 1e-5));

            var plan = GraftPlan.Create(GraftMode.DepthToWidth, "", "", Small.Depth);
            Assert.Equal([0, 2], plan.Layers);
            // Stage 1 starts each pair from the teacher's two blocks.
            var pairs = plan.Layers.SelectMany(l => plan.CreateUnit(l, Small, teacher.state_dict()).StateDict()).ToDictionary();
            using var hybrid = plan.LoadHybrid(Small, teacher.state_dict(), pairs, "pairs");
            hybrid.eval();
            using var again = hybrid.forward(x, t, y);
            Assert.True(again.allclose(parallel, 1e-5, 1e-6));
        }
    }

    public sealed class StrictLoading
    {
        [Fact]
        public void Stage_one_weights_load_into_their_layers()
        {
            using var teacher = Teacher(11);
            var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "interleaved-50", Small.Depth);
            var grafted = plan.Layers.SelectMany(l => plan.CreateUnit(l, Small, teacher.state_dict()).StateDict()).ToDictionary();
            using var hybrid = plan.LoadHybrid(Small, teacher.state_dict(), grafted, "stage1");
            var state = hybrid.state_dict();
            Assert.True(state["blocks.3.attn.in_proj.weight"].allclose(grafted["blocks.3.attn.in_proj.weight"], 0, 0));
            Assert.True(state["blocks.2.attn.qkv.weight"].allclose(teacher.state_dict()["blocks.2.attn.qkv.weight"], 0, 0));
        }

        [Fact]
        public void A_missing_stage_one_weight_fails_naming_it()
        {
            using var teacher = Teacher(12);
            var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "1,3", Small.Depth);
            var grafted = plan.Layers.SelectMany(l => plan.CreateUnit(l, Small, teacher.state_dict()).StateDict()).ToDictionary();
            grafted.Remove("blocks.3.attn.out_proj.bias");
            var error = Assert.Throws<CheckpointMismatchException>(() => plan.LoadHybrid(Small, teacher.state_dict(), grafted, "stage1"));
            Assert.Contains("missing 'blocks.3.attn.out_proj.bias'", error.Message);
        }

        [Fact]
        public void A_layer_pointing_at_another_layers_checkpoint_fails()
        {
            using var teacher = Teacher(13);
            var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "1", Small.Depth);
            // Layer 1 given layer 0's weights: the keys say which block they belong to.
            var wrong = plan.CreateUnit(1, Small, teacher.state_dict()).StateDict()
                .ToDictionary(kv => kv.Key.Replace("blocks.1.", "blocks.0."), kv => kv.Value);
            var error = Assert.Throws<CheckpointMismatchException>(() => plan.LoadHybrid(Small, teacher.state_dict(), wrong, "stage1"));
            Assert.Contains("blocks.0.attn.in_proj.weight", error.Message);
        }

        [Fact]
        public void A_shape_mismatch_fails_with_both_shapes()
        {
            using var teacher = Teacher(14);
            var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "1", Small.Depth);
            var grafted = plan.CreateUnit(1, Small, teacher.state_dict()).StateDict();
            grafted["blocks.1.attn.out_proj.weight"] = zeros(16, 8);
            var error = Assert.Throws<CheckpointMismatchException>(() => plan.LoadHybrid(Small, teacher.state_dict(), grafted, "stage1"));
            Assert.Contains("'blocks.1.attn.out_proj.weight' has shape [16, 8] in the file, the model expects [16, 16]", error.Message);
        }
    }
}
