using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>The fixed 2-D sin-cos position embedding of DiT (from MAE).</summary>
public static class PositionEmbedding
{
    /// <summary>
    /// Embedding of token <c>r·G + c</c> (row r, column c of a G×G grid) of width D:
    /// <c>[sin(c·ω), cos(c·ω), sin(r·ω), cos(r·ω)]</c> with <c>ω_k = 10000^(−k/(D/4))</c>, k = 0..D/4−1.
    /// The column comes first because the official code builds its grid with <c>meshgrid(w, h)</c>.
    /// Computed in float64 like the official numpy code, returned as float32 [1, G², D].
    /// </summary>
    public static Tensor SinCos2D(int dim, int gridSize)
    {
        if (dim % 4 != 0)
        {
            throw new ArgumentException($"Position embedding width {dim} must be a multiple of 4.", nameof(dim));
        }

        int quarter = dim / 4;
        var values = new float[gridSize * gridSize * dim];
        for (int r = 0; r < gridSize; r++)
        {
            for (int c = 0; c < gridSize; c++)
            {
                int offset = ((r * gridSize) + c) * dim;
                for (int k = 0; k < quarter; k++)
                {
                    double omega = 1.0 / Math.Pow(10000.0, k / (double)quarter);
                    values[offset + k] = (float)Math.Sin(c * omega);
                    values[offset + quarter + k] = (float)Math.Cos(c * omega);
                    values[offset + (2 * quarter) + k] = (float)Math.Sin(r * omega);
                    values[offset + (3 * quarter) + k] = (float)Math.Cos(r * omega);
                }
            }
        }

        return tensor(values, [1, gridSize * gridSize, dim]);
    }
}
