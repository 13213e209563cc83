using Scion.Eval.Metrics;
using Scion.Eval.Statistics;
using static TorchSharp.torch;

namespace Scion.Eval.Tests;

public sealed class FrechetDistanceTests
{
    private static FeatureStatistics Gaussian(int n, int d, double mean, double variance, long seed)
    {
        manual_seed(seed);
        using var x = randn([n, d], dtype: float64) * Math.Sqrt(variance) + mean;
        return FeatureStatistics.Of(x, "test");
    }

    [Fact]
    public void Shifted_unit_gaussians_give_the_squared_mean_distance()
    {
        using var a = Gaussian(50_000, 16, 0.5, 1, 1);
        using var b = Gaussian(50_000, 16, 0, 1, 2);
        Assert.Equal(16 * 0.25, FrechetDistance.Compute(a, b), 1); // ‖μ‖² = 4
    }

    [Fact]
    public void Scaled_isotropic_gaussians_give_d_times_the_squared_root_difference()
    {
        using var a = Gaussian(50_000, 16, 0, 4, 3);
        using var b = Gaussian(50_000, 16, 0, 1, 4);
        Assert.Equal(16 * Math.Pow(Math.Sqrt(4) - Math.Sqrt(1), 2), FrechetDistance.Compute(a, b), 1); // 16
    }

    [Fact]
    public void A_set_against_itself_is_zero()
    {
        using var a = Gaussian(2_000, 64, 0.1, 2, 5);
        Assert.Equal(0, FrechetDistance.Compute(a, a), 8);
    }

    [Fact]
    public void A_singular_covariance_still_gives_a_finite_distance()
    {
        manual_seed(6);
        using var low = randn([500, 3], dtype: float64).matmul(randn([3, 32], dtype: float64)); // rank 3 in 32-d
        using var a = FeatureStatistics.Of(low, "test");
        using var b = Gaussian(500, 32, 0, 1, 7);
        Assert.True(double.IsFinite(FrechetDistance.Compute(a, b)));
    }

    [Fact]
    public void Statistics_of_different_encoders_are_not_compared()
    {
        using var a = Gaussian(100, 4, 0, 1, 8);
        using var b = FeatureStatistics.Of(randn([100, 4], dtype: float64), "other");
        var error = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(a, b));
        Assert.Contains("'test' and 'other'", error.Message);
    }
}

public sealed class CovarianceTests
{
    [Fact]
    public void The_covariance_matches_the_centred_definition_also_for_a_huge_mean()
    {
        manual_seed(9);
        foreach (double offset in new[] { 0.0, 1e7 })
        {
            using var x = randn([300, 5], dtype: float64) + offset;
            using var stats = FeatureStatistics.Of(x, "test");
            using var centered = x - x.mean([0]);
            using var expected = centered.t().matmul(centered) / 299;
            Assert.True(stats.Sigma.allclose(expected, 1e-9, 1e-12), $"offset {offset}");
        }
    }
}
