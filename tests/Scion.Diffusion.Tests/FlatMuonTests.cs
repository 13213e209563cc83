using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class FlatMuonTests
{
    /// <summary>What the iteration does to one singular value: scaled by the Frobenius norm, then five steps of
    /// s ← 3.4445 s − 4.7750 s³ + 2.0315 s⁵.</summary>
    private static double Iterated(double s, double frobenius)
    {
        double x = s / frobenius;
        for (int i = 0; i < 5; i++)
        {
            x = (3.4445 * x) - (4.7750 * x * x * x) + (2.0315 * x * x * x * x * x);
        }

        return x;
    }

    public sealed class Orthogonalising
    {
        [Theory]
        [InlineData(3, 5)]
        [InlineData(5, 3)] // a tall matrix goes through its transpose
        public void Maps_each_singular_value_through_the_quintic_and_keeps_the_singular_vectors(int rows, int cols)
        {
            // a diagonal matrix is its own SVD (U, V identities): the result must be diagonal, with the closed form on it
            double[] singular = [4, 1, 0.25];
            var g = zeros(1, rows, cols, dtype: float64);
            for (int i = 0; i < 3; i++)
            {
                g[0, i, i] = singular[i];
            }

            using var result = NewtonSchulz.Orthogonalise(g);
            double frobenius = Math.Sqrt(singular.Sum(s => s * s));
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    double expected = i == j ? Iterated(singular[i], frobenius) : 0;
                    Assert.Equal(expected, result[0, i, j].item<double>(), 1e-6);
                }
            }
        }

        [Fact]
        public void Brings_a_random_matrix_close_to_semi_orthogonal()
        {
            var generator = new Generator(3);
            using var g = randn([2, 64, 160], generator: generator);
            using var result = NewtonSchulz.Orthogonalise(g);
            using var values = linalg.svdvals(result);
            Assert.InRange(values.min().item<float>(), 0.6f, 1.0f); // the loose orthogonalisation Muon asks for
            Assert.InRange(values.max().item<float>(), 1.0f, 1.25f);
            using var inputValues = linalg.svdvals(g);
            Assert.True(inputValues.max().item<float>() / inputValues.min().item<float>() > 3); // it was far from it
        }
    }

    public sealed class Stepping
    {
        [Fact]
        public void Moves_block_matrices_by_the_scaled_orthogonalised_gradient_and_the_rest_by_AdamW()
        {
            var config = new DiTConfig(2, 32, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 10);
            using var model = Torch.GlobalGenerator.Seeded(2, () => new DiT(config));
            using var parameters = new FlatParameters(model);
            var generator = new Generator(4);
            parameters.Grads.copy_(randn(parameters.Grads.shape, generator: generator));
            using var before = parameters.Values.clone();
            using var grads = parameters.Grads.clone();
            using var muon = new FlatMuon(parameters);
            Assert.Equal(2 * 5, muon.MatrixCount); // per block: qkv, proj, fc1, fc2, adaLN
            const double lr = 1e-3;
            muon.Step(lr);

            var layout = parameters.Layout.ToList();
            int fc1 = layout.FindIndex(l => l.Name == "blocks.1.mlp.fc1.weight");
            using var moved = parameters.View(parameters.Values, fc1) - parameters.View(before, fc1);
            // first step: momentum (1 − β)·g and Nesterov's g + β(m − g) are both multiples of g, which the
            // orthogonalisation's normalisation removes
            using var direction = NewtonSchulz.Orthogonalise(parameters.View(grads, fc1).unsqueeze(0))[0];
            double scale = 0.2 * Math.Sqrt(Math.Max(layout[fc1].Shape[0], layout[fc1].Shape[1]));
            Assert.True(moved.allclose(direction * (-lr * scale), rtol: 1e-4, atol: 1e-7));

            int patch = layout.FindIndex(l => l.Name == "x_embedder.proj.weight");
            using var patchMoved = parameters.View(parameters.Values, patch) - parameters.View(before, patch);
            // AdamW's first step is lr·sign(g), up to ε
            Assert.True(patchMoved.allclose(parameters.View(grads, patch).sign() * -lr, rtol: 1e-3, atol: 1e-8));
        }

        [Fact]
        public void Refuses_a_model_without_block_matrices()
        {
            using var net = TinyNet.Build(1);
            using var parameters = new FlatParameters(net);
            var error = Assert.Throws<ArgumentException>(() => new FlatMuon(parameters));
            Assert.Contains("no weight matrices inside blocks", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Takes_only_the_weight_matrices_inside_blocks()
        {
            Assert.True(FlatMuon.IsBlockMatrix("blocks.0.attn.qkv.weight", [96, 32]));
            Assert.False(FlatMuon.IsBlockMatrix("blocks.0.attn.qkv.bias", [96]));
            Assert.False(FlatMuon.IsBlockMatrix("final_layer.linear.weight", [96, 32]));
            Assert.False(FlatMuon.IsBlockMatrix("y_embedder.embedding_table.weight", [11, 32]));
        }
    }
}
