using Scion.Artifacts;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Parameters;
using Scion.Tasks;
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
        using var quality = new SampleQuality(context);
        var (fd, prdc) = quality.Score(images);
        context.Metric("fd", fd);
        context.Metric("precision", prdc.Precision);
        context.Metric("recall", prdc.Recall);
        context.Metric("density", prdc.Density);
        context.Metric("coverage", prdc.Coverage);
        context.Log.Information($"FD {fd:0.000} ({context.Get(P.Encoder)} encoder, {images.shape[0]} samples); {prdc}");
    }
}
