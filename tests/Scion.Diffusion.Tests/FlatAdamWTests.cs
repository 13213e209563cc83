using Scion.Diffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class FlatAdamWTests
{
    private static nn.Module<Tensor, Tensor> Net(long seed)
    {
        manual_seed(seed);
        return nn.Sequential(("fc1", nn.Linear(5, 7)), ("act", nn.Tanh()), ("fc2", nn.Linear(7, 3)));
    }

    private static void Backward(nn.Module<Tensor, Tensor> net, int step)
    {
        var generator = new Generator((ulong)step);
        using var x = randn([8, 5], generator: generator);
        using var target = randn([8, 3], generator: generator);
        using var loss = nn.functional.mse_loss(net.call(x), target);
        loss.backward();
    }

    private static float[] Flatten(nn.Module net) => [.. net.parameters().SelectMany(p => p.detach().data<float>().ToArray())];

    public sealed class Update
    {
        [Theory]
        [InlineData(0.0)]
        [InlineData(0.05)]
        public void Matches_torch_AdamW_step_for_step(double weightDecay)
        {
            // the reference is libtorch's AdamW through TorchSharp, on the same weights and batches
            using var reference = Net(1);
            using var flat = Net(1);
            using var torchOptimizer = optim.AdamW(reference.parameters(), lr: 0.01, weight_decay: weightDecay);
            using var flatOptimizer = new FlatAdamW(flat, weightDecay);
            for (int step = 1; step <= 20; step++)
            {
                double lr = 0.01 * (1 - (step / 40.0));
                torchOptimizer.ParamGroups.First().LearningRate = lr;
                torchOptimizer.zero_grad();
                Backward(reference, step);
                torchOptimizer.step();
                flatOptimizer.ZeroGrad();
                Backward(flat, step);
                flatOptimizer.Step(lr);
            }

            var expected = Flatten(reference);
            var actual = Flatten(flat);
            Assert.Equal(expected.Length, actual.Length);
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 5e-6f));
            Assert.NotEqual(Flatten(Net(1)), actual); // it moved
        }

        [Fact]
        public void Keeps_the_parameters_in_one_buffer_with_their_gradients()
        {
            using var net = Net(2);
            var before = Flatten(net);
            using var optimizer = new FlatAdamW(net);
            Assert.Equal(before, optimizer.Values.data<float>().ToArray());
            optimizer.ZeroGrad();
            Backward(net, 1);
            Assert.All(net.parameters(), p => Assert.True(p.grad!.abs().sum().item<float>() > 0));
            optimizer.Step(0.1);
            Assert.Equal(Flatten(net), optimizer.Values.data<float>().ToArray());
            optimizer.ZeroGrad();
            Assert.All(net.parameters(), p => Assert.Equal(0f, p.grad!.abs().sum().item<float>()));
        }
    }

    public sealed class Copies
    {
        [Fact]
        public void A_flat_tensor_into_a_module_of_the_same_architecture()
        {
            using var net = Net(3);
            using var other = Net(4);
            using var optimizer = new FlatAdamW(net);
            using var values = optimizer.Values * 2;
            optimizer.CopyTo(values, other);
            Assert.Equal(Flatten(net).Select(v => v * 2), Flatten(other));
        }

        [Fact]
        public void Fails_naming_a_parameter_the_target_lacks()
        {
            using var net = Net(3);
            using var other = nn.Sequential(("fc1", nn.Linear(5, 7)));
            using var optimizer = new FlatAdamW(net);
            var error = Assert.Throws<ArgumentException>(() => optimizer.CopyTo(optimizer.Values, other));
            Assert.Contains("fc2.weight", error.Message);
        }
    }

    public sealed class Rejects
    {
        [Fact]
        public void A_parameter_that_is_not_float32_naming_it()
        {
            var fc2 = nn.Linear(7, 3);
            fc2.to(ScalarType.Float64);
            using var net = nn.Sequential(("fc1", nn.Linear(5, 7)), ("fc2", fc2));
            var error = Assert.Throws<ArgumentException>(() => new FlatAdamW(net));
            Assert.Contains("fc2.weight", error.Message);
            Assert.Contains("Float64", error.Message);
        }
    }
}
