using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Vision;
using Scion.Parameters;
using Scion.Tasks;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("TrainClassifier")]
[IsDependentOn(typeof(PrepareData))]
[TaskDescription("Trains the small CNN that judges samples (and embeds images for evaluation) on the real training images")]
public sealed class TrainClassifier : PipelineTask<GraftDiTContext>
{
    public static readonly Artifact Weights = Artifact.Tensors("classifier");

    public override IEnumerable<IParameter> Reads => [P.ClassifierSteps, P.ImageSize];

    public override IEnumerable<Artifact> Inputs => [PrepareData.Train, PrepareData.Heldout];

    public override IEnumerable<Artifact> Outputs => [Weights];

    public override void Run(GraftDiTContext context)
    {
        int size = context.Get(P.ImageSize), steps = context.Get(P.ClassifierSteps);
        var (images, labels) = context.ReadImages(PrepareData.Train, size);
        var (heldImages, heldLabels) = context.ReadImages(PrepareData.Heldout, size);
        const long seed = 7;
        using var classifier = new ShapeClassifier((int)labels.max().item<long>() + 1, seed);
        using var progress = context.Progress("training classifier", steps);
        classifier.Fit(images, labels, steps, batch: 128, lr: 2e-3, seed, onStep: s => progress.Report(s));
        context.Metric("heldout_accuracy", classifier.Accuracy(heldImages, heldLabels));
        StateDictFile.WriteSafetensors(context.OutputPath(Weights), classifier.state_dict());
    }
}
