using System.Diagnostics;
using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Parameters;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Tasks;
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
        if (context.Get(G.FinetuneSteps) == 0)
        {
            context.Log.Information("finetune.steps = 0: the hybrid is the stage-1 hybrid");
            StateDictFile.WriteSafetensors(context.OutputPath(Weights), start.state_dict());
            context.WriteTable(Loss, []);
            return;
        }

        var (images, labels) = context.ReadImages(PrepareData.Train, context.Get(P.ImageSize));
        var watch = Stopwatch.StartNew();
        var result = Stage2Runner.Run(context, config, plan, start, images, labels);
        StateDictFile.WriteSafetensors(context.OutputPath(Weights), result.Ema.state_dict());
        context.WriteTable(Loss, result.Curve.Select(c => new LossRow { Step = c.Step, Loss = c.Loss }));
        context.Metric("finetune_final_loss", result.Curve.Skip(Math.Max(0, result.Curve.Count - 20)).Average(c => c.Loss));
        context.Metric("finetune_seconds", watch.Elapsed.TotalSeconds, "s");
        result.Ema.Dispose();
    }
}
