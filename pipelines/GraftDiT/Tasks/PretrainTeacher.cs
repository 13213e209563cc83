using System.Diagnostics;
using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using Scion.Parameters;
using Scion.Reports;
using Scion.Tasks;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("PretrainTeacher")]
[IsDependentOn(typeof(PrepareData))]
[TaskDescription("Trains the embedded DiT teacher on the training images (skipped when dit.checkpoint is given)")]
public sealed class PretrainTeacher : PipelineTask<GraftDiTContext>
{
    public static readonly Artifact Weights = Artifact.Tensors("teacher");
    public static readonly Artifact Config = Artifact.File("teacher.json");
    public static readonly TableArtifact<LossRow> Loss = Artifact.Table<LossRow>("loss");
    public static readonly Artifact LossChart = Artifact.File("loss.svg");

    public override IEnumerable<IParameter> Reads =>
        [P.Checkpoint, P.ImageSize, P.TeacherConfig, P.TeacherDepth, P.TeacherWidth, P.TeacherHeads, P.TeacherMlpRatio, P.TeacherSteps, P.TeacherBatch, P.TeacherLearningRate, P.TeacherBeta2, P.TeacherOptimizer, P.TeacherWarmup, P.TeacherEma, P.TeacherSeed, P.TeacherMinSnr, P.TeacherPrediction, P.TeacherDecay, P.TeacherPrecision, P.TeacherReplicas];

    public override IEnumerable<Artifact> Inputs => [PrepareData.Train];

    public override IEnumerable<Artifact> Outputs => [Weights, Config, Loss, LossChart];

    public override RunDecision ShouldRun(GraftDiTContext context) =>
        context.Get(P.Checkpoint).Length > 0 ? RunDecision.Skip("dit.checkpoint is given") : true;

    public override void Run(GraftDiTContext context)
    {
        int size = context.Get(P.ImageSize), steps = context.Get(P.TeacherSteps), batch = context.Get(P.TeacherBatch);
        var (images, labels) = context.ReadImages(PrepareData.Train, size);
        int classes = (int)labels.max().item<long>() + 1;
        var named = DiTConfig.Named(context.Get(P.TeacherConfig), size, inChannels: 3, numClasses: classes);
        var config = P.TeacherShape(named, context.Get, context.Get) with { Target = PredictionTargets.Parse(context.Get(P.TeacherPrediction)) };
        bool bfloat16 = UseBFloat16(context, config, batch);
        bool muon = context.Get(P.TeacherOptimizer) == "muon";
        context.Log.Information(muon ? "optimizer: Muon for the blocks' weight matrices, AdamW for the rest" : "optimizer: AdamW");
        using var progress = context.Progress("training teacher", steps);
        var watch = Stopwatch.StartNew();
        var trainer = new DiffusionTrainer(config, GaussianDiffusion.For(config))
        {
            OnStep = (step, loss) => progress.Report(step, $"loss {loss:0.0000}"),
        };
        var result = trainer.Train(images, labels, new TrainOptions(steps, batch, context.Get(P.TeacherLearningRate),
            context.Get(P.TeacherEma), context.Get(P.TeacherWarmup), Seed: context.Get(P.TeacherSeed), MinSnrGamma: context.Get(P.TeacherMinSnr),
            Decay: Enum.Parse<LearningRateDecay>(context.Get(P.TeacherDecay), ignoreCase: true), BFloat16Matmuls: bfloat16, Replicas: context.Get(P.TeacherReplicas),
            AdamBeta2: context.Get(P.TeacherBeta2), Muon: muon));
        watch.Stop();

        StateDictFile.WriteSafetensors(context.OutputPath(Weights), result.Ema.state_dict());
        context.WriteConfig(Config, config);
        context.WriteTable(Loss, result.Curve.Select(c => new LossRow { Step = c.Step, Loss = c.Loss }));
        var smooth = Smoothed(result.Curve.Select(c => c.Loss).ToList(), Math.Max(1, steps / 50));
        File.WriteAllText(context.OutputPath(LossChart), HistoryChart.Series("Teacher training loss (moving average)",
            smooth.Select((_, i) => (double)(i + 1)).ToList(), smooth, "step", "loss (MSE + VB)"));

        context.Metric("final_loss", result.Curve.Skip(Math.Max(0, result.Curve.Count - 50)).Average(c => c.Loss));
        context.Metric("images_per_second", steps * (double)batch / watch.Elapsed.TotalSeconds, "img/s");
        context.Metric("train_seconds", watch.Elapsed.TotalSeconds, "s");
        context.Metric("parameters", result.Ema.parameters().Sum(p => p.numel()));
        result.Ema.Dispose();
    }

    /// <summary>teacher.precision: "bf16" or "fp32" as asked; "auto" measures the two at the MLP's shape on a
    /// replica's share of the batch and threads, and takes bfloat16 where it pays (<see cref="PrecisionProbe"/>).</summary>
    private static bool UseBFloat16(GraftDiTContext context, DiTConfig config, int batch)
    {
        string precision = context.Get(P.TeacherPrecision);
        double speedup = PrecisionProbe.BFloat16Speedup(config, batch, context.Get(P.TeacherReplicas));
        bool pays = PrecisionProbe.Choose(speedup);
        bool bfloat16 = precision == "bf16" || (precision == "auto" && pays);
        context.Log.Information($"bfloat16 products are {speedup:0.00}x as fast as float32 here (fc1 of a replica's share of the batch): " +
            $"training with {(bfloat16 ? "bfloat16" : "float32")} products (teacher.precision = {precision})");
        if (precision == "bf16" && !pays)
        {
            context.Log.Warning($"teacher.precision = bf16, but bfloat16 products are not faster on this CPU ({speedup:0.00}x): " +
                "training stays correct; teacher.precision = auto or fp32 would be faster");
        }

        context.Metric("bf16_speedup", speedup);
        context.Metric("bf16_products", bfloat16 ? 1 : 0);
        return bfloat16;
    }

    private static List<double> Smoothed(List<double> values, int window) =>
        values.Select((_, i) => values.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(window, i + 1)).Average()).ToList();
}
