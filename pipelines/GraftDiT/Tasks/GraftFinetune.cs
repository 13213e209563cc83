using System.Diagnostics;
using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Training;
using Scion.Parameters;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Tasks;
using static TorchSharp.torch;
using G = Scion.Pipelines.GraftDiT.GraftParameters;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("GraftFinetune")]
[IsDependentOn(typeof(GraftDistill))]
[TaskDescription("Stage 2: the distilled operators swapped into the DiT, every parameter trained with the diffusion loss on a fixed subset")]
public sealed class GraftFinetune : PipelineTask<GraftDiTContext>
{
    public static readonly Artifact Weights = Artifact.Tensors("hybrid");
    public static readonly TableArtifact<LossRow> Loss = Artifact.Table<LossRow>("finetune_loss");

    public override IEnumerable<IParameter> Reads =>
        [.. GraftDiTContext.PlanParameters, P.ImageSize, G.FinetuneFraction, G.FinetuneSteps, G.FinetuneBatch, G.FinetuneLearningRate, G.FinetuneWarmup, G.FinetuneEma, G.FinetuneSeed];

    public override IEnumerable<Artifact> Inputs => [GraftDistill.Weights, FetchDiT.Weights, FetchDiT.Config, PrepareData.Train];

    public override IEnumerable<Artifact> Outputs => [Weights, Loss];

    public override void Run(GraftDiTContext context)
    {
        var config = context.ReadConfig(FetchDiT.Config);
        var plan = context.Plan(config);
        var teacher = StateDictFile.Read(context.InputPath(FetchDiT.Weights));
        var grafted = Stage1Weights.Read(context.InputPath(GraftDistill.Weights), plan);
        var start = plan.LoadHybrid(config, teacher, grafted, "stage-1 hybrid");
        int steps = context.Get(G.FinetuneSteps), batch = context.Get(G.FinetuneBatch);
        if (steps == 0)
        {
            context.Log.Information("finetune.steps = 0: the hybrid is the stage-1 hybrid");
            StateDictFile.WriteSafetensors(context.OutputPath(Weights), start.state_dict());
            context.WriteTable(Loss, []);
            return;
        }

        var (images, labels) = context.ReadImages(PrepareData.Train, context.Get(P.ImageSize));
        long subset = Math.Max(1, (long)Math.Round(images.shape[0] * context.Get(G.FinetuneFraction)));
        using var pick = randperm(images.shape[0], generator: new Generator((ulong)context.Get(G.FinetuneSeed)))[..(int)subset];
        using var subsetImages = images.index_select(0, pick);
        using var subsetLabels = labels.index_select(0, pick);
        context.Log.Information($"Stage 2: {plan.Describe()}, {steps} steps of {batch} on a fixed {subset} of {images.shape[0]} images");

        using var progress = context.Progress("finetuning hybrid", steps);
        var watch = Stopwatch.StartNew();
        var trainer = new DiffusionTrainer(config, GaussianDiffusion.Create())
        {
            Architecture = () => plan.BuildHybrid(config),
            OnStep = (step, loss) => progress.Report(step, $"loss {loss:0.0000}"),
        };
        var result = trainer.Train(subsetImages, subsetLabels, new TrainOptions(steps, batch, context.Get(G.FinetuneLearningRate),
            context.Get(G.FinetuneEma), context.Get(G.FinetuneWarmup), Seed: context.Get(G.FinetuneSeed)), start);
        StateDictFile.WriteSafetensors(context.OutputPath(Weights), result.Ema.state_dict());
        context.WriteTable(Loss, result.Curve.Select(c => new LossRow { Step = c.Step, Loss = c.Loss }));
        context.Metric("finetune_final_loss", result.Curve.Skip(Math.Max(0, result.Curve.Count - 20)).Average(c => c.Loss));
        context.Metric("finetune_seconds", watch.Elapsed.TotalSeconds, "s");
        result.Ema.Dispose();
    }
}
