using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

/// <summary>A two-layer perceptron and seeded batches for the optimizer tests, and any module's weights as one array.</summary>
internal static class TinyNet
{
    public static nn.Module<Tensor, Tensor> Build(long seed)
    {
        manual_seed(seed);
        return nn.Sequential(("fc1", nn.Linear(5, 7)), ("act", nn.Tanh()), ("fc2", nn.Linear(7, 3)));
    }

    public static void Backward(nn.Module<Tensor, Tensor> net, int step)
    {
        var generator = new Generator((ulong)step);
        using var x = randn([8, 5], generator: generator);
        using var target = randn([8, 3], generator: generator);
        using var loss = nn.functional.mse_loss(net.call(x), target);
        loss.backward();
    }

    public static float[] Weights(nn.Module net) => [.. net.parameters().SelectMany(p => p.detach().data<float>().ToArray())];
}
