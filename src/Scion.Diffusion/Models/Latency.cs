using System.Diagnostics;
using static TorchSharp.torch;

namespace Scion.Diffusion.Models;

/// <summary>Wall-clock timing of model work: one warm-up run, then the median of repeats (robust on noisy machines).</summary>
public static class Latency
{
    /// <summary>Runs <paramref name="work"/> once to warm up, then <paramref name="repeats"/> times; the median time.</summary>
    public static double MedianSeconds(int repeats, Action work)
    {
        work();
        var times = Enumerable.Range(0, repeats).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            work();
            return watch.Elapsed.TotalSeconds;
        }).Order().ToList();
        return times[times.Count / 2];
    }

    /// <summary>Median seconds of one forward pass of <paramref name="model"/> at batch <paramref name="batch"/> (no gradients).</summary>
    public static double Forward(DiT model, int batch, int repeats)
    {
        var config = model.Config;
        model.eval();
        using var noGrad = no_grad();
        using var inputs = new Generator(0); // not the global one: a seeded build may be drawing from it (--jobs 2)
        using var x = randn([batch, config.InChannels, config.InputSize, config.InputSize], generator: inputs);
        using var t = randint(0, 1000, [batch], generator: inputs);
        using var y = randint(0, config.NumClasses, [batch], generator: inputs);
        return MedianSeconds(repeats, () => model.forward(x, t, y).Dispose());
    }

    /// <summary>Median seconds of one forward pass of a block on [batch, tokens, width] with conditioning [batch, width].</summary>
    public static double Block(nn.Module<Tensor, Tensor, Tensor> block, int batch, int tokens, int width, int repeats)
    {
        block.eval();
        using var noGrad = no_grad();
        using var inputs = new Generator(0);
        using var x = randn([batch, tokens, width], generator: inputs);
        using var c = randn([batch, width], generator: inputs);
        return MedianSeconds(repeats, () => block.forward(x, c).Dispose());
    }
}
