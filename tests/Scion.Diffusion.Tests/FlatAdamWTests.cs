using Scion.Diffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class FlatAdamWTests
{
    public sealed class Update
    {
        [Theory]
        [InlineData(0.0)]
        [InlineData(0.05)]
        public void Matches_torch_AdamW_step_for_step(double weightDecay)
        {
            // the reference is libtorch's AdamW through TorchSharp, on the same weights and batches
            using var reference = TinyNet.Build(1);
            using var flat = TinyNet.Build(2);
            flat.load_state_dict(reference.state_dict()); // not a second draw: other tests share the global generator
            var initial = TinyNet.Weights(reference);
            using var torchOptimizer = optim.AdamW(reference.parameters(), lr: 0.01, weight_decay: weightDecay);
            using var parameters = new FlatParameters(flat);
            using var flatOptimizer = new FlatAdamW(parameters, weightDecay);
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
}
