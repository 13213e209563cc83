using Scion.Diffusion.Data;
using Scion.Diffusion.Models;
using Scion.Diffusion.Vision;
using Scion.Grafting.Surgery;
using Scion.Parameters;
using Scion.Pipelines.GraftDiT.Tasks;
using static TorchSharp.torch;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>
/// Judges one model of a grafting comparison the same way for the teacher and every hybrid: samples (quality and,
/// on the embedded data, classifier accuracy), parameters, analytic FLOPs, and measured forward latency at batch 2
/// at the model's own size and at 1024 tokens.
/// </summary>
public sealed class GraftEvaluator(GraftDiTContext context, DiTConfig config, int repeats) : IDisposable
{
    public const int LongTokens = 1024;

    private readonly ShapeClassifier? classifier = context.Get(GraftDiTParameters.Checkpoint).Length == 0
        ? ShapeClassifier.Load(context.InputPath(TrainClassifier.Weights))
        : null; // the classifier knows the embedded data's classes, not a checkpoint's

    private readonly SampleQuality quality = new(context);

    /// <summary>The parameters a task using the evaluator reads through it.</summary>
    public static IEnumerable<IParameter> Reads =>
    [
        GraftDiTParameters.Checkpoint, GraftDiTParameters.Sampler, GraftDiTParameters.SampleSteps, GraftDiTParameters.GuidanceScale,
        GraftDiTParameters.SamplesPerClass, GraftDiTParameters.SampleSeed, GraftDiTParameters.VaeDecoder, GraftDiTParameters.VaeScale,
        GraftDiTParameters.Encoder, GraftDiTParameters.EncoderBatch, GraftDiTParameters.EncoderThreads, GraftDiTParameters.PrdcK,
        GraftDiTParameters.TeacherSteps, GraftDiTParameters.TeacherBatch, GraftParameters.DistillSamples, GraftParameters.DistillSteps,
        GraftParameters.DistillBatch, GraftParameters.FinetuneSteps, GraftParameters.FinetuneBatch, GraftParameters.LatencyRepeats,
    ];

    public long[] Labels { get; } = SampleJudge.Labels(context, config);

    /// <summary>Draws <paramref name="model"/>'s samples; returns its row and a PNG grid (one class per row).</summary>
    public (GraftResultRow Row, byte[] Grid) Sample(string name, DiT model, GraftPlan? plan)
    {
        using var images = SampleJudge.Draw(context, model, config, Labels, name);
        using var bytes = ImageTensors.ToBytes(images);
        using var labels = tensor(Labels);
        return (Judge(name, bytes, labels, plan), ImageTensors.Grid(images, context.Get(GraftDiTParameters.SamplesPerClass)));
    }

    /// <summary>The row of a model whose samples (uint8) are already drawn.</summary>
    public GraftResultRow Judge(string name, Tensor bytes, Tensor labels, GraftPlan? plan)
    {
        var (fd, prdc) = quality.Score(bytes);
        var flops = ModelFlops.Of(config, plan);
        using var architecture = Build(config, plan);
        var row = new GraftResultRow
        {
            Model = name,
            Operator = plan is null ? "attention" : plan.Mode == GraftMode.DepthToWidth ? "depth-to-width" : plan.OperatorName,
            Layers = plan is null ? "" : string.Join(",", plan.Layers),
            Fd = fd,
            Precision = prdc.Precision,
            Recall = prdc.Recall,
            Density = prdc.Density,
            Coverage = prdc.Coverage,
            Accuracy = classifier?.Accuracy(bytes, labels) ?? double.NaN,
            Parameters = architecture.parameters().Sum(p => p.numel()),
            AttentionGflops = flops.TokenMixing / 1e9,
            TotalGflops = flops.Total / 1e9,
            LatencyMs = 1000 * Latency.Forward(architecture, 2, repeats),
        };
        using var longModel = Build(config with { InputSize = (int)Math.Sqrt(LongTokens) * config.Patch }, plan);
        row.LatencyLongMs = 1000 * Latency.Forward(longModel, 2, Math.Max(1, repeats / 2));
        context.Log.Information($"{name}: FD {fd:0.00}, {prdc}, accuracy {row.Accuracy:P1}, {row.TotalGflops:0.000} GFLOPs, {row.LatencyMs:0.0} ms");
        return row;
    }

    /// <summary>Compute spent grafting with <paramref name="plan"/> (distill.* and finetune.* settings) over the teacher's
    /// pretraining compute (teacher.* settings); NaN for a given checkpoint, whose pretraining is not known here.</summary>
    public double ComputeFraction(GraftPlan plan, int? finetuneSteps = null)
    {
        if (context.Get(GraftDiTParameters.Checkpoint).Length > 0)
        {
            return double.NaN;
        }

        double grafting = GraftCompute.Grafting(config, plan, context.Get(GraftParameters.DistillSamples), context.Get(GraftParameters.DistillSteps),
            context.Get(GraftParameters.DistillBatch), finetuneSteps ?? context.Get(GraftParameters.FinetuneSteps), context.Get(GraftParameters.FinetuneBatch));
        return grafting / GraftCompute.Pretraining(config, context.Get(GraftDiTParameters.TeacherSteps), context.Get(GraftDiTParameters.TeacherBatch));
    }

    public void Dispose()
    {
        classifier?.Dispose();
        quality.Dispose();
    }

    private static DiT Build(DiTConfig config, GraftPlan? plan) => plan?.BuildHybrid(config) ?? new DiT(config);
}
