using static TorchSharp.torch;

namespace Scion.Eval.Statistics;

/// <summary>Mean and covariance (N − 1 denominator) of a feature set, in float64, with how many samples and which encoder.</summary>
public sealed record FeatureStatistics(Tensor Mu, Tensor Sigma, long Count, string Encoder) : IDisposable
{
    private const long ChunkRows = 8192;

    /// <summary>Statistics of features [N, D]; computed in float64 whatever the input type.</summary>
    public static FeatureStatistics Of(Tensor features, string encoder)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
        {
            throw new ArgumentException($"Features must be [N, D] with N ≥ 2, got [{string.Join(", ", features.shape)}].", nameof(features));
        }

        using var scope = NewDisposeScope();
        var x = features.dtype == float64 ? features : features.to_type(float64);
        long n = x.shape[0], d = x.shape[1];
        var mu = x.mean([0]);
        // Σ = (XᵀX − n·μμᵀ)/(n − 1): one matrix product over the features as they are, no centred copy (touching
        // a fresh copy of 50,000×1024 doubles costs more than the product). In float64 the cancellation loses about
        // log10(μ²/σ²) of 16 digits; when the mean dwarfs the spread that matters, and the centred form is used.
        var sigma = x.t().matmul(x).sub_(outer(mu, mu).mul_(n));
        var spread = sigma.diagonal().clamp(min: double.Epsilon);
        if ((mu.square() / (spread / n)).max().item<double>() > 1e6)
        {
            sigma = zeros([d, d], dtype: float64);
            for (long start = 0; start < n; start += ChunkRows)
            {
                using var chunkScope = NewDisposeScope();
                var centered = x[(int)start..(int)Math.Min(n, start + ChunkRows)] - mu;
                sigma.addmm_(centered.t(), centered);
            }
        }

        sigma.div_(n - 1);
        return new FeatureStatistics(mu.MoveToOuterDisposeScope(), sigma.MoveToOuterDisposeScope(), n, encoder);
    }

    public int Dimension => (int)Mu.shape[0];

    public void Dispose()
    {
        Mu.Dispose();
        Sigma.Dispose();
    }
}
