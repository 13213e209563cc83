using Scion.Artifacts;
using Scion.Eval.Metrics;
using Scion.Eval.Statistics;
using Scion.Parameters;
using Scion.Tasks;
using static TorchSharp.torch;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("EvaluateTeacher")]
[IsDependentOn(typeof(SampleTeacher))]
[IsDependentOn(typeof(ReferenceStats))]
[TaskDescription("FD and precision/recall/density/coverage of the teacher's samples against the held-out images")]
public sealed class EvaluateTeacher : PipelineTask<GraftDiTContext>
{
    public override IEnumerable<IParameter> Reads => [P.Encoder, P.EncoderBatch, P.EncoderThreads, P.ImageSize, P.PrdcK];

    public override IEnumerable<Artifact> Inputs => [SampleTeacher.Samples, ReferenceStats.Statistics, ReferenceStats.Features, TrainClassifier.Weights];

    public override void Run(GraftDiTContext context)
    {
        var (images, _) = context.ReadImages(SampleTeacher.Samples, context.Get(P.ImageSize));
        using var encoder = context.Encoder();
        using var features = encoder.Encode(images);
        using var reference = StatisticsFile.Read(context.InputPath(ReferenceStats.Statistics), encoder.Name);
        using var samples = FeatureStatistics.Of(features, encoder.Name);
        double fd = FrechetDistance.Compute(samples, reference);
        using var realFeatures = Npz.Read(context.InputPath(ReferenceStats.Features)).Single().Value.ToTensor();
        var prdc = Prdc.Compute(realFeatures, features, context.Get(P.PrdcK));
        context.Metric("fd", fd);
        context.Metric("precision", prdc.Precision);
        context.Metric("recall", prdc.Recall);
        context.Metric("density", prdc.Density);
        context.Metric("coverage", prdc.Coverage);
        context.Log.Information($"FD {fd:0.000} ({encoder.Name}, {images.shape[0]} samples vs {reference.Count} held-out); {prdc}");
    }
}
