using Scion.Diffusion.Models;
using Scion.Grafting.Operators;
using Scion.Grafting.Surgery;

namespace Scion.Grafting.Tests;

public sealed class CountTests
{
    // Worked out by hand for width 8, 2 heads, 16 tokens (see OperatorSpec for the counting rules).
    [Theory]
    [InlineData("mha", 288, 16384)] // 4·8²+4·8; 8·16·8² + 4·16²·8
    [InlineData("swa", 288, 12160)] // 8·16·8² + 4·124 band pairs·8
    [InlineData("hyena-x", 408, 11520)] // in 216, conv 120, out 72; 6144 + 2048 + 256 + 3072
    [InlineData("hyena-y", 328, 9472)] // in 216, inner conv 40, out 72; 6144 + 2048 + 256 + 1024
    [InlineData("hyena-se", 448, 12544)]
    [InlineData("mamba2", 2155, 146432)] // in 8·161, conv 144·5, dt/A/D 3, norm 16, out 128; 41216 + 18432 + 81920 + 768 + 4096
    [InlineData("mlp-r4", 552, 16384)]
    [InlineData("mlp-r3", 416, 12288)]
    [InlineData("mlp-r6", 824, 24576)]
    [InlineData("mlp-hyena-x", 808, 23040)] // inner 16: in 432, conv 240, out 136; 12288 + 4096 + 512 + 6144
    public void Parameters_and_flops_match_hand_computed_values(string name, long parameters, long flops)
    {
        var spec = OperatorRegistry.Get(name);
        Assert.Equal(parameters, spec.Parameters(8, 2));
        Assert.Equal(flops, spec.Flops(8, 16));
        using var module = spec.Create(8, 2);
        Assert.Equal(parameters, module.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Mlp_hyena_x_has_the_weights_of_a_ratio_4_mlp()
    {
        // Iso-FLOPs: both hold 8·D² projection weights; Hyena adds its conv (6D channels × 5) and the two have different biases.
        const int d = 64;
        long hyenaWeights = OperatorRegistry.Get("mlp-hyena-x").Parameters(d, 4) - (6 * d * 5) - (6 * d) - d;
        long mlpWeights = OperatorRegistry.Get("mlp-r4").Parameters(d, 4) - (4 * d) - d;
        Assert.Equal(8L * d * d, hyenaWeights);
        Assert.Equal(8L * d * d, mlpWeights);
    }

    [Fact]
    public void Model_flops_drop_by_what_the_grafted_operators_save()
    {
        var config = DiTConfig.Named("DiT-N/4", 32, 3, 10);
        var teacher = ModelFlops.Of(config);
        var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "interleaved-50", config.Depth);
        var hybrid = ModelFlops.Of(config, plan);
        var saved = 3 * (OperatorRegistry.AttentionFlops(config.Hidden, config.Tokens) - OperatorRegistry.Get("hyena-x").Flops(config.Hidden, config.Tokens));
        Assert.Equal(teacher.Total - saved, hybrid.Total);
        Assert.Equal(teacher.TokenMixing - saved, hybrid.TokenMixing);
        Assert.Equal(6 * OperatorRegistry.AttentionFlops(config.Hidden, config.Tokens), teacher.TokenMixing);
    }

    [Fact]
    public void Grafting_compute_adds_capture_stage_one_and_stage_two()
    {
        var config = DiTConfig.Named("DiT-N/4", 32, 3, 10);
        var plan = GraftPlan.Create(GraftMode.Operator, "hyena-x", "interleaved-50", config.Depth);
        double teacher = ModelFlops.Of(config).Total, hybrid = ModelFlops.Of(config, plan).Total, op = OperatorRegistry.Get("hyena-x").Flops(128, 64);
        double expected = (100 * teacher) + (3 * 3 * 20 * 8 * op) + (3 * 10 * 4 * hybrid);
        Assert.Equal(expected, GraftCompute.Grafting(config, plan, 100, 20, 8, 10, 4), 6);
        Assert.Equal(3.0 * 900 * 64 * teacher, GraftCompute.Pretraining(config, 900, 64));
        var pairs = GraftPlan.Create(GraftMode.DepthToWidth, "", "", config.Depth);
        Assert.Equal(2 * ModelFlops.Block(config), GraftCompute.Unit(config, pairs));
        Assert.Equal(teacher, ModelFlops.Of(config, pairs).Total); // the same work, half the sequential depth
    }
}
