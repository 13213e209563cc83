using Scion.Diffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class FlatParametersTests
{
    public sealed class Buffer
    {
        [Fact]
        public void Keeps_the_parameters_in_one_buffer_with_their_gradients()
        {
            using var net = TinyNet.Build(2);
            var before = TinyNet.Weights(net);
            using var parameters = new FlatParameters(net);
            using var optimizer = new FlatAdamW(parameters);
            Assert.Equal(before, parameters.Values.data<float>().ToArray());
            parameters.ZeroGrad();
            TinyNet.Backward(net, 1);
            Assert.All(net.parameters(), p => Assert.True(p.grad!.abs().sum().item<float>() > 0));
            optimizer.Step(0.1);
            Assert.Equal(TinyNet.Weights(net), parameters.Values.data<float>().ToArray());
            parameters.ZeroGrad();
            Assert.All(net.parameters(), p => Assert.Equal(0f, p.grad!.abs().sum().item<float>()));
        }
    }

    public sealed class Copies
    {
        [Fact]
        public void A_flat_tensor_into_a_module_of_the_same_architecture()
        {
            using var net = TinyNet.Build(3);
            using var other = TinyNet.Build(4);
            using var parameters = new FlatParameters(net);
            using var values = parameters.Values * 2;
            parameters.CopyTo(values, other);
            Assert.Equal(TinyNet.Weights(net).Select(v => v * 2), TinyNet.Weights(other));
        }

        [Fact]
        public void Fails_naming_a_parameter_the_target_lacks()
        {
            using var net = TinyNet.Build(3);
            using var other = nn.Sequential(("fc1", nn.Linear(5, 7)));
            using var parameters = new FlatParameters(net);
            var error = Assert.Throws<ArgumentException>(() => parameters.CopyTo(parameters.Values, other));
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
            var error = Assert.Throws<ArgumentException>(() => new FlatParameters(net));
            Assert.Contains("fc2.weight", error.Message);
            Assert.Contains("Float64", error.Message);
        }
    }
}
