using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>
/// Muon (Jordan et al. 2024) for the transformer blocks' weight matrices, AdamW for everything else (embeddings,
/// biases, the final layer), as Muon is meant to be used. A matrix's update is its Nesterov momentum (β = 0.95)
/// orthogonalised by <see cref="NewtonSchulz"/> and scaled by 0.2·√max(rows, cols) (Liu et al. 2025, "Muon is
/// scalable"), which gives it about AdamW's update size, so the one learning rate and schedule serve both.
/// Matrices of one shape are orthogonalised together, as a batch.
/// </summary>
public sealed class FlatMuon : IFlatOptimizer
{
    private readonly FlatAdamW adam;
    private readonly Tensor adamOnly;
    private readonly List<Group> groups = [];
    private readonly double momentum;
    private readonly int threads;

    /// <param name="threads">Threads for the orthogonalisation, whose products are most of what Muon costs; 0 = as
    /// the calling thread has (replicas leave it one).</param>
    public FlatMuon(FlatParameters parameters, double weightDecay = 0, double beta2 = 0.999, double momentum = 0.95, int threads = 0)
    {
        this.momentum = momentum;
        this.threads = threads;
        var layout = parameters.Layout.ToList();
        var matrices = Enumerable.Range(0, layout.Count).Where(i => IsBlockMatrix(layout[i].Name, layout[i].Shape)).ToList();
        if (matrices.Count == 0)
        {
            throw new ArgumentException("FlatMuon: the model has no weight matrices inside blocks (blocks.N.….weight) for Muon to train; use AdamW.", nameof(parameters));
        }

        adamOnly = ones_like(parameters.Values);
        foreach (var shape in matrices.GroupBy(i => string.Join("x", layout[i].Shape)))
        {
            var members = shape.ToList();
            var values = members.Select(i => parameters.View(parameters.Values, i)).ToList();
            var grads = members.Select(i => parameters.View(parameters.Grads, i)).ToList();
            foreach (int i in members)
            {
                using var mask = parameters.View(adamOnly, i);
                mask.zero_();
            }

            long[] dims = layout[members[0]].Shape;
            groups.Add(new Group(values, grads, zeros(members.Count, dims[0], dims[1]), 0.2 * Math.Sqrt(Math.Max(dims[0], dims[1]))));
        }

        adam = new FlatAdamW(parameters, weightDecay, beta2: beta2, only: adamOnly);
    }

    /// <summary>The weight matrices inside the blocks (attention, MLP, adaLN modulation); not their biases.</summary>
    public static bool IsBlockMatrix(string name, long[] shape) =>
        shape.Length == 2 && name.StartsWith("blocks.", StringComparison.Ordinal) && name.EndsWith(".weight", StringComparison.Ordinal);

    public int MatrixCount => groups.Sum(g => g.Values.Count);

    public void Step(double lr)
    {
        adam.Step(lr);
        using var threadCount = Scion.Torch.ThreadCount.Use(threads);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var group in groups)
        {
            var g = stack(group.Grads);
            group.Momentum.lerp_(g, 1 - momentum);
            using var update = NewtonSchulz.Orthogonalise(g.lerp_(group.Momentum, momentum));
            for (int i = 0; i < group.Values.Count; i++)
            {
                group.Values[i].add_(update[i], alpha: -lr * group.Scale);
            }
        }
    }

    public void Dispose()
    {
        adam.Dispose();
        adamOnly.Dispose();
        foreach (var group in groups)
        {
            group.Momentum.Dispose();
            group.Values.ForEach(v => v.Dispose());
            group.Grads.ForEach(v => v.Dispose());
        }
    }

    private sealed record Group(List<Tensor> Values, List<Tensor> Grads, Tensor Momentum, double Scale);
}
