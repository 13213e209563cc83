using static TorchSharp.torch;

namespace Scion.Eval.Metrics;

/// <summary>
/// Precision, recall, density and coverage (Naeem et al. 2020) with k nearest neighbours in Euclidean distance:
/// radii are distances to the k-th nearest other sample of the same set (self excluded), comparisons strict.
/// Distances are computed in row blocks in float64, so memory stays bounded for large sets.
/// </summary>
public static class Prdc
{
    public static PrdcResult Compute(Tensor real, Tensor fake, int k = 5, int blockRows = 1024)
    {
        if (real.shape[1] != fake.shape[1])
        {
            throw new ArgumentException($"Feature sizes differ: real {real.shape[1]}, fake {fake.shape[1]}.");
        }

        if (real.shape[0] <= k || fake.shape[0] <= k)
        {
            throw new ArgumentException($"Need more than k = {k} samples in each set (real {real.shape[0]}, fake {fake.shape[0]}).");
        }

        using var scope = NewDisposeScope();
        var x = real.to_type(float64);
        var y = fake.to_type(float64);
        var realRadii = KthNeighbourRadii(x, k, blockRows);
        var fakeRadii = KthNeighbourRadii(y, k, blockRows);
        long n = x.shape[0], m = y.shape[0];

        // One pass over real-row blocks of d(x_i, y_j), the orientation the reference computes once and reuses:
        // fake j inside real ball i when d < r_i (precision, density); real i inside fake ball j when d < s_j (recall);
        // real i's nearest fake inside its own ball (coverage).
        var insideCount = zeros(m, dtype: int64);
        var realCovered = zeros(n, dtype: @bool);
        var nearestFake = empty(n, dtype: float64);
        var fakeBalls = fakeRadii.unsqueeze(0);
        for (long start = 0; start < n; start += blockRows)
        {
            using var block = NewDisposeScope();
            long end = Math.Min(n, start + blockRows);
            var d = Distances(x[(int)start..(int)end], y);
            insideCount.add_((d < realRadii[(int)start..(int)end].unsqueeze(1)).sum([0]));
            realCovered[(int)start..(int)end] = (d < fakeBalls).any(1);
            nearestFake[(int)start..(int)end] = d.min(1).values;
        }

        double precision = (insideCount > 0).to_type(float64).mean().item<double>();
        double recall = realCovered.to_type(float64).mean().item<double>();
        // as the reference computes it, (1/k) · mean over fakes, so that the very same double comes out
        double density = (1.0 / k) * (insideCount.to_type(float64).sum().item<double>() / m);
        double coverage = (nearestFake < realRadii).to_type(float64).mean().item<double>();
        return new PrdcResult(precision, recall, density, coverage);
    }

    /// <summary>Distance of each sample to its k-th nearest other sample of the same set.</summary>
    internal static Tensor KthNeighbourRadii(Tensor x, int k, int blockRows)
    {
        long n = x.shape[0];
        var radii = empty(n, dtype: float64);
        for (long start = 0; start < n; start += blockRows)
        {
            using var block = NewDisposeScope();
            long end = Math.Min(n, start + blockRows);
            var d = Distances(x[(int)start..(int)end], x);
            // the smallest distance in each row is the sample to itself (0): the k-th other is the (k+1)-th smallest
            radii[(int)start..(int)end] = d.topk(k + 1, dim: 1, largest: false, sorted: true).values[.., k];
        }

        return radii;
    }

    /// <summary>Euclidean distances [a, b] between rows, as sklearn computes them: −2x·y + ‖x‖² + ‖y‖², clipped at 0, square root.</summary>
    internal static Tensor Distances(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var aa = a.square().sum([1]).unsqueeze(1);
        var bb = b.square().sum([1]).unsqueeze(0);
        // in sklearn's order, (−2a·b + ‖a‖²) + ‖b‖², so that strict comparisons come out the same; in place, no temporaries
        var d2 = a.matmul(b.t()).mul_(-2).add_(aa).add_(bb);
        return d2.clamp_(min: 0).sqrt_().MoveToOuterDisposeScope();
    }
}
