using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Grafting.Distillation;
using Scion.Grafting.Surgery;
using static TorchSharp.torch;
using G = Scion.Pipelines.GraftDiT.GraftParameters;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>Captures a plan's activations from the frozen teacher (distill.samples, distill.seed) into one
/// safetensors file per layer in <c>folder</c>.</summary>
public static class CaptureRunner
{
    public static void Run(GraftDiTContext context, DiT teacher, Tensor images, Tensor labels, GraftPlan plan, string folder)
    {
        int samples = context.Get(G.DistillSamples);
        Directory.CreateDirectory(folder);
        using var progress = context.Progress("capturing activations", samples);
        foreach (var (layer, activations) in ActivationCapture.Run(teacher, GaussianDiffusion.For(teacher.Config), images, labels, plan, samples,
            context.Get(G.DistillSeed), progress: done => progress.Report(done)))
        {
            StateDictFile.WriteSafetensors(Path.Combine(folder, LayerActivations.FileName(layer)), activations.ToState());
            activations.Dispose();
        }

        context.Log.Information($"Captured {samples} samples for {plan.Describe()}");
    }
}
