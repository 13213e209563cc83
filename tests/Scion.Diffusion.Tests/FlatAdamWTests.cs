using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class FlatAdamWTests
{
    public sealed class Update
    {
        [Theory]
        [InlineData(0.0, 0.999)]
        [InlineData(0.05, 0.999)]
        [InlineData(0.0, 0.99)]
        public void Matches_torch_AdamW_step_for_step(double weightDecay, double beta2)
        {
            // the reference is libtorch's AdamW through TorchSharp, on the same weights and batches
            using var reference = TinyNet.Build(1);
            using var flat = TinyNet.Build(2);
            flat.load_state_dict(reference.state_dict()); // not a second draw: other tests share the global generator
            var initial = TinyNet.Weights(reference);
            using var torchOptimizer = optim.AdamW(reference.parameters(), lr: 0.01, beta2: beta2, weight_decay: weightDecay);
            using var parameters = new FlatParameters(flat);
            using var flatOptimizer = new FlatAdamW(parameters, weightDecay, beta2: beta2);
            for (int step = 1; step <= 20; step++)
            {
                double lr = 0.01 * (1 - (step / 40.0));
                torchOptimizer.ParamGroups.First().LearningRate = lr;
                torchOptimizer.zero_grad();
                TinyNet.Backward(reference, step);
                torchOptimizer.step();
                parameters.ZeroGrad();
                TinyNet.Backward(flat, step);
                flatOptimizer.Step(lr);
            }

            var expected = TinyNet.Weights(reference);
            var actual = TinyNet.Weights(flat);
            Assert.Equal(expected.Length, actual.Length);
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 5e-6f));
            Assert.NotEqual(initial, actual); // it moved
        }
    }

    public sealed class Beta2
    {
        [Fact]
        public void Reaches_the_trainer()
        {
            // Adam's first step is lr·sign(g) whatever β₂ is (bias correction); from the second on β₂ weighs the
            // first gradient against the second, so two steps from one start differ unless the option is dropped.
            var (images, labels, _) = ImageTensors.Decode(ShapesDataset.Generate(3, 0, 16, size: 16).ToList(), 16);
            var config = new DiTConfig(1, 32, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 10);
            float[] Train(double beta2)
            {
                // without a start model the trainer builds one after seeding, so every run starts from the same weights
                var result = new DiffusionTrainer(config, GaussianDiffusion.Create())
                    .Train(images, labels, new TrainOptions(2, 16, 1e-2, EmaDecay: 0, Seed: 5, AdamBeta2: beta2));
                var weights = TinyNet.Weights(result.Ema);
                result.Ema.Dispose();
                return weights;
            }

            var slow = Train(0.999);
            var again = Train(0.999);
            var fast = Train(0.5);
            Assert.Equal(slow, again); // the runs are deterministic, so a difference below is β₂'s
            Assert.NotEqual(slow, fast);
        }
    }
}
