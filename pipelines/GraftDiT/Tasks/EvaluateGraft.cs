using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using Scion.Grafting.Operators;
using Scion.Grafting.Surgery;
using Scion.Parameters;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Tasks;
using G = Scion.Pipelines.GraftDiT.GraftParameters;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("EvaluateGraft")]
[IsDependentOn(typeof(GraftFinetune))]
[IsDependentOn(typeof(SampleTeacher))]
[IsDependentOn(typeof(ReferenceStats))]
[TaskDescription("Teacher vs stage-1 hybrid vs finetuned hybrid: quality, accuracy, parameters, FLOPs, latency, grafting compute")]
public sealed class EvaluateGraft : PipelineTask<GraftDiTContext>
{
    public static readonly TableArtifact<GraftResultRow> Results = Artifact.Table<GraftResultRow>("graft_results");
    public static readonly Artifact Comparison = Artifact.File("comparison.html");
    public static readonly Artifact Stage1Grid = Artifact.File("stage1_samples.png");
    public static readonly Artifact FinetunedGrid = Artifact.File("finetuned_samples.png");

    public override IEnumerable<IParameter> Reads => [.. GraftDiTContext.PlanParameters, .. GraftEvaluator.Reads, P.ImageSize];

    public override IEnumerable<Artifact> Inputs =>
    [
        FetchDiT.Weights, FetchDiT.Config, GraftDistill.Weights, GraftFinetune.Weights, SampleTeacher.Samples,
        ReferenceStats.Statistics, ReferenceStats.Features, TrainClassifier.Weights,
    ];

    public override IEnumerable<Artifact> Outputs => [Results, Comparison, Stage1Grid, FinetunedGrid];

    public override void Run(GraftDiTContext context)
    {
        var config = context.ReadConfig(FetchDiT.Config);
        var plan = context.Plan(config);
        int repeats = context.Get(G.LatencyRepeats);
        using var evaluator = new GraftEvaluator(context, config, repeats);
        var teacherState = StateDictFile.Read(context.InputPath(FetchDiT.Weights));

        var (teacherImages, teacherLabels) = context.ReadImages(SampleTeacher.Samples, context.Get(P.ImageSize));
        var teacher = evaluator.Judge("teacher", teacherImages, teacherLabels, null);

        using var stage1Model = plan.LoadHybrid(config, teacherState, Stage1Weights.Read(context.InputPath(GraftDistill.Weights), plan), "stage-1 weights");
        var (stage1, stage1Grid) = evaluator.Sample("stage 1 only", stage1Model, plan);
        File.WriteAllBytes(context.OutputPath(Stage1Grid), stage1Grid);

        using var finetunedModel = plan.BuildHybrid(config);
        StrictLoader.Load(finetunedModel, StateDictFile.Read(context.InputPath(GraftFinetune.Weights)), "hybrid.safetensors");
        var (finetuned, finetunedGrid) = evaluator.Sample("finetuned", finetunedModel, plan);
        File.WriteAllBytes(context.OutputPath(FinetunedGrid), finetunedGrid);

        double fraction = evaluator.ComputeFraction(plan);
        stage1.ComputeFraction = evaluator.ComputeFraction(plan, finetuneSteps: 0);
        finetuned.ComputeFraction = fraction;
        teacher.ComputeFraction = 0;
        var rows = new[] { teacher, stage1, finetuned };
        context.WriteTable(Results, rows);

        var speed = BlockSpeed(config, repeats);
        foreach (var (tokens, ratio) in speed)
        {
            context.Metric($"hyena_x_block_speedup_{tokens}", ratio, "x");
        }

        Record(context, rows, fraction);
        string verdict = Verdict(plan, teacher, finetuned, fraction, speed);
        context.Log.Information(verdict);
        File.WriteAllText(context.OutputPath(Comparison), ComparisonTable.Html($"Grafting {plan.Describe()}", rows, verdict));
    }

    /// <summary>Attention block time ÷ Hyena-X block time at the model's width, batch 2, for 256 and 1024 tokens.</summary>
    private static List<(int Tokens, double Ratio)> BlockSpeed(DiTConfig config, int repeats)
    {
        var result = new List<(int, double)>();
        foreach (int tokens in new[] { 256, 1024 })
        {
            using var attention = new DiTBlock(config.Hidden, config.Heads, config.MlpHidden);
            using var hyena = new DiTBlock(config.Hidden, config.Heads, config.MlpHidden);
            hyena.Attn = OperatorRegistry.Get("hyena-x").Create(config.Hidden, config.Heads);
            // Interleaved, so that both see the same machine load.
            double a = 0, h = 0;
            for (int round = 0; round < 3; round++)
            {
                a += Latency.Block(attention, 2, tokens, config.Hidden, repeats);
                h += Latency.Block(hyena, 2, tokens, config.Hidden, repeats);
            }

            result.Add((tokens, a / h));
        }

        return result;
    }

    private static void Record(GraftDiTContext context, GraftResultRow[] rows, double fraction)
    {
        foreach (var (row, prefix) in rows.Zip(new[] { "teacher", "stage1", "finetuned" }))
        {
            context.Metric($"{prefix}_fd", row.Fd);
            context.Metric($"{prefix}_precision", row.Precision);
            context.Metric($"{prefix}_recall", row.Recall);
            context.Metric($"{prefix}_density", row.Density);
            context.Metric($"{prefix}_coverage", row.Coverage);
            context.Metric($"{prefix}_accuracy", row.Accuracy);
            context.Metric($"{prefix}_parameters", row.Parameters);
            context.Metric($"{prefix}_attention_gflops", row.AttentionGflops, "GFLOP");
            context.Metric($"{prefix}_total_gflops", row.TotalGflops, "GFLOP");
            context.Metric($"{prefix}_latency_ms", row.LatencyMs, "ms");
            context.Metric($"{prefix}_latency_1024_ms", row.LatencyLongMs, "ms");
        }

        var (teacher, finetuned) = (rows[0], rows[2]);
        context.Metric("fd_ratio", finetuned.Fd / teacher.Fd, "x");
        context.Metric("accuracy_drop_points", 100 * (teacher.Accuracy - finetuned.Accuracy));
        context.Metric("flops_reduction_pct", 100 * (1 - (finetuned.TotalGflops / teacher.TotalGflops)), "%");
        context.Metric("attention_flops_reduction_pct", 100 * (1 - (finetuned.AttentionGflops / teacher.AttentionGflops)), "%");
        context.Metric("graft_compute_fraction", fraction);
    }

    private static string Verdict(GraftPlan plan, GraftResultRow teacher, GraftResultRow finetuned, double fraction, List<(int Tokens, double Ratio)> speed)
    {
        double ratio = finetuned.Fd / teacher.Fd;
        string quality = ratio <= 1.3
            ? $"the finetuned hybrid keeps the teacher's quality within the 1.3× FD budget (FD {finetuned.Fd:0.00} vs {teacher.Fd:0.00}, {ratio:0.00}×; the paper's Hyena-X 50%: 1.21×)"
            : $"the finetuned hybrid loses quality beyond the 1.3× FD budget (FD {finetuned.Fd:0.00} vs {teacher.Fd:0.00}, {ratio:0.00}×)";
        string accuracy = double.IsNaN(teacher.Accuracy) ? "" :
            $" Its samples show their class {100 * finetuned.Accuracy:0.0}% of the time against the teacher's {100 * teacher.Accuracy:0.0}% ({100 * (finetuned.Accuracy - teacher.Accuracy):+0.0;-0.0} points)."
            + (teacher.Accuracy < 0.5 ? " The teacher itself rarely draws its conditioning class, so these distances compare two weak models: read them as a check of the machinery more than of the operator." : "");
        string cost = $" It needs {100 * (1 - (finetuned.TotalGflops / teacher.TotalGflops)):0.0}% fewer FLOPs per forward ({100 * (1 - (finetuned.AttentionGflops / teacher.AttentionGflops)):0.0}% fewer in token mixing)";
        string compute = double.IsNaN(fraction) ? "." : $", and grafting cost {100 * fraction:0.0}% of the teacher's pretraining compute.";
        string blocks = " A Hyena-X block runs " + string.Join(" and ", speed.Select(s => $"{s.Ratio:0.00}× the speed of an attention block at {s.Tokens} tokens")) + " on this machine.";
        return $"With {plan.Describe()}, {quality}.{accuracy}{cost}{compute}{blocks}";
    }
}
