using Scion.Artifacts;
using Scion.Diffusion.Vision;
using Scion.Parameters;
using Scion.Tasks;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("ScoreTeacher")]
[IsDependentOn(typeof(SampleTeacher))]
[IsDependentOn(typeof(TrainClassifier))]
[TaskDescription("Labels the teacher's guided samples with the classifier: how often they show their conditioning class")]
public sealed class ScoreTeacher : PipelineTask<GraftDiTContext>
{
    public override IEnumerable<IParameter> Reads => [P.ImageSize, P.Checkpoint];

    public override IEnumerable<Artifact> Inputs => [SampleTeacher.Samples, TrainClassifier.Weights];

    public override RunDecision ShouldRun(GraftDiTContext context) =>
        context.Get(P.Checkpoint).Length > 0 ? RunDecision.Skip("the classifier knows the training data's classes, not the checkpoint's") : true;

    public override void Run(GraftDiTContext context)
    {
        var (images, labels) = context.ReadImages(SampleTeacher.Samples, context.Get(P.ImageSize));
        using var classifier = ShapeClassifier.Load(context.InputPath(TrainClassifier.Weights));
        double accuracy = classifier.Accuracy(images, labels);
        context.Metric("sample_accuracy", accuracy);
        context.Log.Information($"{accuracy:P1} of {labels.shape[0]} guided samples are classified as their conditioning class");
    }
}
