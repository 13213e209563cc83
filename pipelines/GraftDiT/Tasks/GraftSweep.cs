using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using Scion.Grafting.Surgery;
using Scion.Parameters;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Tasks;
using G = Scion.Pipelines.GraftDiT.GraftParameters;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("GraftSweep")]
[IsDependentOn(typeof(FetchDiT))]
[IsDependentOn(typeof(SampleTeacher))]
[IsDependentOn(typeof(ReferenceStats))]
[TaskDescription("Grafts every operator at each sweep.layers selection (and depth to width), both stages, into one comparison table")]
public sealed class GraftSweep : AsyncPipelineTask<GraftDiTContext>
{
    public static readonly TableArtifact<GraftResultRow> Results = Artifact.Table<GraftResultRow>("sweep_results");
    public static readonly Artifact Comparison = Artifact.File("sweep.html");

    public override IEnumerable<IParameter> Reads =>
    [
        .. GraftEvaluator.Reads, G.SweepOperators, G.SweepLayers, G.SweepDepthToWidth, P.ImageSize, G.DistillSeed, G.DistillLoss,
        G.DistillLearningRate, G.DistillEvalEvery, G.FinetuneFraction, G.FinetuneLearningRate, G.FinetuneWarmup, G.FinetuneEma, G.FinetuneSeed,
    ];

    public override IEnumerable<Artifact> Inputs =>
        [FetchDiT.Weights, FetchDiT.Config, PrepareData.Train, SampleTeacher.Samples, ReferenceStats.Statistics, ReferenceStats.Features, TrainClassifier.Weights];

    public override IEnumerable<Artifact> Outputs => [Results, Comparison];

    public override async Task RunAsync(GraftDiTContext context)
    {
        var config = context.ReadConfig(FetchDiT.Config);
        var plans = Plans(context, config);
        string teacherPath = context.InputPath(FetchDiT.Weights), configPath = context.InputPath(FetchDiT.Config);
        var teacherState = StateDictFile.Read(teacherPath);
        using var teacherModel = new DiT(config);
        StrictLoader.Load(teacherModel, teacherState, "dit.safetensors");
        var (images, labels) = context.ReadImages(PrepareData.Train, context.Get(P.ImageSize));
        using var evaluator = new GraftEvaluator(context, config, context.Get(G.LatencyRepeats));
        var (teacherImages, teacherLabels) = context.ReadImages(SampleTeacher.Samples, context.Get(P.ImageSize));
        var rows = new List<GraftResultRow> { evaluator.Judge("teacher", teacherImages, teacherLabels, null) };

        // Scratch space for activations and stage-1 weights: large, and only needed while the sweep runs.
        string scratch = Directory.CreateTempSubdirectory("scion-sweep-").FullName;
        try
        {
            // Plans that graft the same slot of the same blocks share one capture.
            var captures = new Dictionary<string, string>();
            for (int i = 0; i < plans.Count; i++)
            {
                var plan = plans[i];
                context.Log.Information($"Sweep {i + 1}/{plans.Count}: {plan.Describe()}");
                string captureKey = $"{plan.Capture}:{string.Join(",", plan.Layers)}";
                if (!captures.TryGetValue(captureKey, out string? activations))
                {
                    activations = Path.Combine(scratch, $"capture-{captures.Count}");
                    CaptureRunner.Run(context, teacherModel, images, labels, plan, activations);
                    captures[captureKey] = activations;
                }

                string stage1Folder = Path.Combine(scratch, $"stage1-{i}");
                await Stage1Runner.RunAsync(context, plan, activations, stage1Folder, teacherPath, configPath);
                var stage1 = plan.LoadHybrid(config, teacherState, Stage1Weights.Read(stage1Folder, plan), $"{stage1Folder} (stage 1)");
                using var hybrid = context.Get(G.FinetuneSteps) == 0 ? stage1 : Stage2Runner.Run(context, config, plan, stage1, images, labels).Ema;
                var (row, _) = evaluator.Sample(Name(plan), hybrid, plan);
                row.ComputeFraction = evaluator.ComputeFraction(plan);
                rows.Add(row);
                context.Metric($"{Name(plan)}_fd_ratio", row.Fd / rows[0].Fd, "x");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        context.WriteTable(Results, rows);
        var best = rows.Skip(1).MinBy(r => r.Fd)!;
        string verdict = $"{rows.Count - 1} hybrids grafted from one teacher (FD {rows[0].Fd:0.00}); the closest to it is {best.Model} (FD {best.Fd:0.00}, {best.Fd / rows[0].Fd:0.00}×), "
            + $"{rows.Skip(1).Count(r => r.Fd <= 1.3 * rows[0].Fd)} of {rows.Count - 1} stay within 1.3× the teacher's FD.";
        context.Log.Information(verdict);
        File.WriteAllText(context.OutputPath(Comparison), ComparisonTable.Html("Grafting sweep", rows, verdict));
    }

    private static List<GraftPlan> Plans(GraftDiTContext context, DiTConfig config)
    {
        var plans = context.Get(G.SweepLayers).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(rule => G.SweepOperatorList(context.Get(G.SweepOperators)).Select(op => GraftPlan.Create(GraftMode.Operator, op, rule, config.Depth)))
            .ToList();
        if (context.Get(G.SweepDepthToWidth))
        {
            plans.Add(GraftPlan.Create(GraftMode.DepthToWidth, "", "", config.Depth));
        }

        return plans;
    }

    private static string Name(GraftPlan plan) => plan.Mode == GraftMode.DepthToWidth
        ? "depth-to-width"
        : $"{plan.OperatorName}@{string.Join(",", plan.Layers)}";
}
