using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Grafting.Surgery;
using static TorchSharp.torch;

namespace Scion.Grafting.Distillation;

/// <summary>
/// Runs the frozen teacher on noised training images, one random timestep per sample, and records for every layer
/// of a plan what stage 1 regresses: an operator's input and pre-gate output, or a block pair's input, conditioning
/// and the output of the second block.
/// </summary>
public static class ActivationCapture
{
    public static Dictionary<int, LayerActivations> Run(DiT teacher, GaussianDiffusion diffusion, Tensor images, Tensor labels, GraftPlan plan,
        int samples, long seed, int batch = 64, Action<int>? progress = null)
    {
        if (samples > images.shape[0])
        {
            throw new ArgumentException($"Capture of {samples} samples asked, but only {images.shape[0]} training images are available.");
        }

        teacher.eval();
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        using var order = randperm(images.shape[0], generator: generator)[..samples];
        var captures = plan.Layers.ToDictionary(l => l, _ => (In: new OperatorCapture(plan.Capture), Out: plan.Capture == CapturePart.Block ? new OperatorCapture(CapturePart.Block) : null));
        foreach (var (layer, (input, output)) in captures)
        {
            teacher.Block(layer).Capture = input;
            if (output is not null)
            {
                teacher.Block(layer + 1).Capture = output;
            }
        }

        // Sequential: the teacher's pairs are captured as they were trained, one block after the other.
        var parallel = teacher.ParallelPairs;
        teacher.ParallelPairs = new HashSet<int>();
        try
        {
            for (int start = 0; start < samples; start += batch)
            {
                using var scope = NewDisposeScope();
                var index = order[start..Math.Min(samples, start + batch)];
                var x0 = ImageTensors.ToModel(images.index_select(0, index));
                var y = labels.index_select(0, index);
                var t = randint(0, diffusion.Steps, [index.shape[0]], generator: generator);
                var xt = diffusion.QSample(x0, t, randn(x0.shape, generator: generator));
                teacher.forward(xt, diffusion.MapTimesteps(t), y);
                progress?.Invoke(Math.Min(samples, start + batch));
            }

            return captures.ToDictionary(kv => kv.Key, kv => Collect(kv.Key, kv.Value.In, kv.Value.Out));
        }
        finally
        {
            teacher.ParallelPairs = parallel;
            foreach (var (layer, (input, output)) in captures)
            {
                teacher.Block(layer).Capture = null;
                input.Clear();
                if (output is not null)
                {
                    teacher.Block(layer + 1).Capture = null;
                    output.Clear();
                }
            }
        }
    }

    private static LayerActivations Collect(int layer, OperatorCapture input, OperatorCapture? output) => output is null
        ? new LayerActivations(layer, cat(input.Inputs, 0), cat(input.Outputs, 0), null)
        : new LayerActivations(layer, cat(input.Inputs, 0), cat(output.Outputs, 0), cat(input.Conditioning, 0));
}
