using Scion.Artifacts;
using Scion.Eval.Encoders;
using Scion.Eval.Statistics;
using Scion.Parameters;
using Scion.Tasks;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("ReferenceStats")]
[IsDependentOn(typeof(TrainClassifier))]
[TaskDescription("Encodes the held-out real images: their features and (μ, Σ) as numpy files, the reference for FD and PRDC")]
public sealed class ReferenceStats : PipelineTask<GraftDiTContext>
{
    public static readonly Artifact Statistics = Artifact.File("reference.npz");
    public static readonly Artifact Features = Artifact.File("features.npy");

    public override IEnumerable<IParameter> Reads => [P.Encoder, P.EncoderBatch, P.EncoderThreads, P.ImageSize];

    public override IEnumerable<Artifact> Inputs => [PrepareData.Heldout, TrainClassifier.Weights];

    public override IEnumerable<Artifact> Outputs => [Statistics, Features];

    public override void Run(GraftDiTContext context)
    {
        var (images, _) = context.ReadImages(PrepareData.Heldout, context.Get(P.ImageSize));
        using var encoder = context.Encoder();
        using var progress = context.Progress($"encoding held-out images ({encoder.Name})", images.shape[0]);
        using var features = encoder.Encode(images, done => progress.Report(done));
        using var stats = FeatureStatistics.Of(features, encoder.Name);
        StatisticsFile.Write(context.OutputPath(Statistics), stats);
        Npz.WriteNpy(context.OutputPath(Features), NpyArray.Of(features));

        context.Metric("reference_images", images.shape[0]);
        context.Metric("feature_size", stats.Dimension);
    }
}
