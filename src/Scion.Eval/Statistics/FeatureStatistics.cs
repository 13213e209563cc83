using static TorchSharp.torch;

namespace Scion.Eval.Statistics;

/// <summary>Mean and covariance (N − 1 denominator) of a feature set, in float64, with how many samples and which encoder.</summary>
public sealed record FeatureStatistics(Tensor Mu, Tensor Sigma, long Count, string Encoder) : IDisposable
{
    /// <summary>Statistics of features [N, D]; computed in float64 whatever the input type.</summary>
    public static FeatureStatistics Of(Tensor features, string encoder)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
        {
            throw new ArgumentException($"Features must be [N, D] with N ≥ 2, got [{string.Join(", ", features.shape)}].", nameof(features));
        }

        using var scope = NewDisposeScope();
        var x = features.to_type(float64);
        var mu = x.mean([0]);
        var centered = x - mu;
        var sigma = centered.t().matmul(centered) / (x.shape[0] - 1);
        return new FeatureStatistics(mu.MoveToOuterDisposeScope(), sigma.MoveToOuterDisposeScope(), x.shape[0], encoder);
    }

    public int Dimension => (int)Mu.shape[0];

    public void Dispose()
    {
        Mu.Dispose();
        Sigma.Dispose();
    }
}
