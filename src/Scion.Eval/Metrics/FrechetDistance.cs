using Scion.Eval.Statistics;
using static TorchSharp.torch;

namespace Scion.Eval.Metrics;

/// <summary>
/// Fréchet distance between two Gaussians fitted to features, with dgm-eval's semantics:
/// FD = ‖μ1 − μ2‖² + tr Σ1 + tr Σ2 − 2 tr √(Σ1 Σ2). The trace of the square root is computed in float64 from the
/// symmetric form √Σ1 · Σ2 · √Σ1 (same eigenvalues as Σ1 Σ2, but symmetric, so its eigenvalues are real and found
/// stably); when that is not finite, 1e-6·I is added to both covariances and it is redone, as dgm-eval does.
/// </summary>
public static class FrechetDistance
{
    public const double Epsilon = 1e-6;

    public static double Compute(FeatureStatistics a, FeatureStatistics b)
    {
        if (a.Dimension != b.Dimension)
        {
            throw new ArgumentException($"Feature sizes differ: {a.Dimension} ({a.Encoder}) vs {b.Dimension} ({b.Encoder}).");
        }

        if (a.Encoder != b.Encoder)
        {
            throw new ArgumentException($"Statistics come from different encoders: '{a.Encoder}' and '{b.Encoder}'.");
        }

        using var scope = NewDisposeScope();
        var diff = a.Mu - b.Mu;
        double meanTerm = diff.dot(diff).item<double>();
        double traces = a.Sigma.trace().item<double>() + b.Sigma.trace().item<double>();
        double covmean = TraceSqrtProduct(a.Sigma, b.Sigma);
        if (!double.IsFinite(covmean))
        {
            using var offset = eye(a.Dimension, dtype: float64) * Epsilon;
            covmean = TraceSqrtProduct(a.Sigma + offset, b.Sigma + offset);
        }

        return meanTerm + traces - (2 * covmean);
    }

    /// <summary>tr √(A B) for symmetric positive semi-definite A and B.</summary>
    public static double TraceSqrtProduct(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (values, vectors) = linalg.eigh(a);
        var rootA = vectors.matmul(diag(values.clamp(min: 0).sqrt())).matmul(vectors.t());
        var m = rootA.matmul(b).matmul(rootA);
        m = (m + m.t()) / 2; // exactly symmetric against rounding
        var eigen = linalg.eigvalsh(m);
        return eigen.clamp(min: 0).sqrt().sum().item<double>();
    }
}
