using Scion.Artifacts;
using Scion.Parameters;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Reports;
using Scion.Tasks;
using G = Scion.Pipelines.GraftDiT.GraftParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("GraftDistill")]
[IsDependentOn(typeof(CaptureActivations))]
[TaskDescription("Stage 1: trains each new operator alone to regress the teacher's activations; layers run through the executor")]
public sealed class GraftDistill : AsyncPipelineTask<GraftDiTContext>
{
    public static readonly Artifact Weights = Artifact.Folder("stage1");
    public static readonly TableArtifact<DistillRow> Curves = Artifact.Table<DistillRow>("distill");
    public static readonly Artifact Chart = Artifact.File("distill.svg");

    public override IEnumerable<IParameter> Reads =>
        [.. GraftDiTContext.PlanParameters, G.DistillLoss, G.DistillSteps, G.DistillBatch, G.DistillLearningRate, G.DistillEvalEvery, G.DistillSeed];

    public override IEnumerable<Artifact> Inputs => [CaptureActivations.Activations, FetchDiT.Weights, FetchDiT.Config];

    public override IEnumerable<Artifact> Outputs => [Weights, Curves, Chart];

    public override async Task RunAsync(GraftDiTContext context)
    {
        var plan = context.Plan(context.ReadConfig(FetchDiT.Config));
        var results = await Stage1Runner.RunAsync(context, plan, context.InputPath(CaptureActivations.Activations), context.OutputPath(Weights),
            context.InputPath(FetchDiT.Weights), context.InputPath(FetchDiT.Config));

        context.WriteTable(Curves, results.SelectMany(r => r.Steps.Select((step, i) => new DistillRow
        {
            Layer = r.Layer, Step = step, Train = r.Train[i], Validation = r.Validation[i],
        })));
        File.WriteAllText(context.OutputPath(Chart), HistoryChart.Lines($"Stage 1: validation {context.Get(G.DistillLoss)} per layer",
            results.Select(r => ($"layer {r.Layer}", (IReadOnlyList<double>)r.Steps.Select(s => (double)s).ToList(), (IReadOnlyList<double>)r.Validation)).ToList(),
            "step", "validation loss", logY: true));
        foreach (var r in results)
        {
            context.Metric($"distill_val_layer_{r.Layer}", r.BestValidation);
            context.Log.Information($"layer {r.Layer}: validation {r.Validation[0]:0.0000} → best {r.BestValidation:0.0000} at step {r.BestStep} ({r.Seconds:0.0} s)");
        }

        context.Metric("distill_val_mean", results.Average(r => r.BestValidation));
        context.Metric("distill_val_initial_mean", results.Average(r => r.Validation[0]));
    }
}
