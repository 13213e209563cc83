using Scion.Diffusion.Models;
using Scion.Grafting.Operators;
using Scion.Grafting.Surgery;
using Scion.Tests.Shared;
using Scion.Torch;

namespace Scion.Grafting.Tests;

/// <summary>
/// With <c>--jobs 2</c> a grafting task can build hybrids, time forward passes or build lone blocks while another
/// task seeds and builds a model. Those draws from libtorch's global generator must not land inside the seeded build.
/// </summary>
public sealed class SeededBesideGraftingTests
{
    private static float[] SeededDiT()
    {
        using var model = GlobalGenerator.Seeded(7, () => new DiT(SurgeryTests.Small));
        return [.. model.parameters().SelectMany(p => p.detach().data<float>().ToArray())];
    }

    private static void Repeat(Action draw)
    {
        var alone = SeededDiT();
        BesideOtherWork.Run(draw, () =>
        {
            for (int round = 0; round < 30; round++)
            {
                Assert.Equal(alone, SeededDiT());
            }
        });
    }

    [Theory]
    [InlineData("mamba2")]
    [InlineData("hyena-x")]
    public void Hybrid_builds_do_not_reach_into_a_seeded_build(string op)
    {
        var plan = GraftPlan.Create(GraftMode.Operator, op, "1,3", SurgeryTests.Small.Depth);
        Repeat(() => plan.BuildHybrid(SurgeryTests.Small).Dispose());
    }

    [Fact]
    public void Lone_blocks_and_operators_do_not_reach_into_a_seeded_build() => Repeat(() =>
    {
        using var block = new DiTBlock(16, 2, 64);
        block.Attn = OperatorRegistry.Get("mamba2").Create(16, 2);
    });

    [Fact]
    public void Timing_a_forward_pass_does_not_reach_into_a_seeded_build()
    {
        using var model = new DiT(SurgeryTests.Small);
        Repeat(() => Latency.Forward(model, 2, 1));
    }
}
