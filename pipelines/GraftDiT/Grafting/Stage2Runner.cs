using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using Scion.Grafting.Surgery;
using static TorchSharp.torch;
using G = Scion.Pipelines.GraftDiT.GraftParameters;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>Stage 2 of a plan with the finetune.* settings: the stage-1 hybrid trained whole with the diffusion loss on a
/// fixed, seeded share of the training images, with warm-up and EMA. Returns the EMA hybrid and its loss curve.</summary>
public static class Stage2Runner
{
    public static TrainResult Run(GraftDiTContext context, DiTConfig config, GraftPlan plan, DiT stage1, Tensor images, Tensor labels)
    {
        int steps = context.Get(G.FinetuneSteps), batch = context.Get(G.FinetuneBatch);
        long subset = Math.Max(1, (long)Math.Round(images.shape[0] * context.Get(G.FinetuneFraction)));
        using var pick = randperm(images.shape[0], generator: new Generator((ulong)context.Get(G.FinetuneSeed)))[..(int)subset];
        using var subsetImages = images.index_select(0, pick);
        using var subsetLabels = labels.index_select(0, pick);
        context.Log.Information($"Stage 2: {plan.Describe()}, {steps} steps of {batch} on a fixed {subset} of {images.shape[0]} images");
        using var progress = context.Progress("finetuning hybrid", steps);
        var trainer = new DiffusionTrainer(config, GaussianDiffusion.For(config))
        {
            Architecture = () => plan.BuildHybrid(config),
            OnStep = (step, loss) => progress.Report(step, $"loss {loss:0.0000}"),
        };
        return trainer.Train(subsetImages, subsetLabels, new TrainOptions(steps, batch, context.Get(G.FinetuneLearningRate),
            context.Get(G.FinetuneEma), context.Get(G.FinetuneWarmup), Seed: context.Get(G.FinetuneSeed)), stage1);
    }
}
