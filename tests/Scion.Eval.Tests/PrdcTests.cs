using Scion.Eval.Metrics;
using static TorchSharp.torch;

namespace Scion.Eval.Tests;

public sealed class PrdcTests
{
    private static Tensor Points(params double[] values) => tensor(values, [values.Length, 1]);

    [Fact]
    public void A_hand_worked_one_dimensional_example()
    {
        // k = 1. Real {0, 1, 3, 20}: radii 1, 1, 2, 17. Fake {0.5, 2.5, 100, 101}: radii 2, 2, 1, 1.
        // precision: 0.5 in ball(0), 2.5 in ball(3), 100 and 101 in none → 2/4
        // recall: 0, 1 in ball(0.5); 3 in ball(2.5); 20 in none → 3/4
        // density: 0.5 is in balls of 0 and 1, 2.5 in the ball of 3 → 3 / (k·4)
        // coverage: nearest fakes of 0, 1, 3 lie inside their balls, 20's (2.5, at 17.5 > 17) does not → 3/4
        var result = Prdc.Compute(Points(0, 1, 3, 20), Points(0.5, 2.5, 100, 101), k: 1, blockRows: 3);
        Assert.Equal(new PrdcResult(0.5, 0.75, 0.75, 0.75), result);
    }

    [Fact]
    public void Identical_sets_give_one_everywhere()
    {
        // Each real ball's k-th neighbour lies on its boundary, and the comparison is strict, so density is 1 only if
        // that distance comes out bit for bit the same in both passes. With real-valued features it did not always
        // (a run here gave 1.008, likely a product kernel chosen by the operands' alignment, x against its clone).
        // Integer coordinates make every distance exact, so the tie is decided by arithmetic, not by the kernel.
        manual_seed(1);
        using var x = randint(0, 1000, [300, 8], dtype: float64);
        Assert.Equal(new PrdcResult(1, 1, 1, 1), Prdc.Compute(x, x.clone(), blockRows: 64));
    }

    [Fact]
    public void Far_apart_sets_give_zero_everywhere()
    {
        manual_seed(2);
        using var x = randn([200, 8], dtype: float64);
        using var y = randn([200, 8], dtype: float64) + 100;
        Assert.Equal(new PrdcResult(0, 0, 0, 0), Prdc.Compute(x, y));
    }

    [Fact]
    public void Block_size_does_not_change_the_result()
    {
        manual_seed(3);
        using var x = randn([500, 16], dtype: float64);
        using var y = randn([400, 16], dtype: float64) * 1.2 + 0.1;
        Assert.Equal(Prdc.Compute(x, y, blockRows: 4096), Prdc.Compute(x, y, blockRows: 37));
    }

    [Fact]
    public void Two_draws_of_one_gaussian_match_the_published_example_roughly()
    {
        // prdc README: 10k vs 10k of N(0, I) in 1000-d gives precision ≈ 0.48, recall ≈ 0.47, density ≈ 1.06, coverage ≈ 0.97;
        // here 2k vs 2k in 64-d, so only the qualitative shape is checked: density ≈ 1, coverage high.
        manual_seed(4);
        using var x = randn([2000, 64], dtype: float64);
        using var y = randn([2000, 64], dtype: float64);
        var r = Prdc.Compute(x, y);
        Assert.InRange(r.Density, 0.85, 1.15);
        Assert.InRange(r.Coverage, 0.85, 1.0);
        Assert.InRange(r.Precision, 0.4, 1.0);
    }
}
