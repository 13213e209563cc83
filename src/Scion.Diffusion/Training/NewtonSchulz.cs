using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>
/// Muon's orthogonalisation (Jordan et al. 2024): five steps of a quintic Newton–Schulz iteration, coefficients
/// (3.4445, −4.7750, 2.0315), take a matrix G = U S Vᵀ, scaled to spectral norm ≤ 1 by its Frobenius norm, to about
/// U S' Vᵀ with every singular value S' in roughly [0.7, 1.2]: the nearest semi-orthogonal matrix, cheaply and loosely.
/// </summary>
public static class NewtonSchulz
{
    private const double A = 3.4445, B = -4.7750, C = 2.0315;

    /// <summary>Orthogonalises each matrix of <paramref name="g"/> [batch, rows, cols] (a new tensor).</summary>
    public static Tensor Orthogonalise(Tensor g, int steps = 5)
    {
        using var scope = NewDisposeScope();
        bool tall = g.shape[1] > g.shape[2];
        // iterate on the wide orientation, so that X·Xᵀ is the small Gram matrix
        var x = tall ? g.transpose(1, 2) : g;
        x = x.div(x.square().sum([1, 2], keepdim: true).sqrt().add_(1e-7));
        for (int i = 0; i < steps; i++)
        {
            var gram = x.bmm(x.transpose(1, 2));
            var poly = gram.bmm(gram).mul_(C).add_(gram, alpha: B);
            x = poly.bmm(x).add_(x, alpha: A);
        }

        return (tall ? x.transpose(1, 2) : x).contiguous().MoveToOuterDisposeScope();
    }
}
