using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
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
        var state = StateDictFile.Read(context.InputPath(TrainClassifier.Weights));
        using var classifier = new ShapeClassifier((int)state["head.weight"].shape[0]);
        StrictLoader.Load(classifier, state, "classifier.safetensors");
        var predicted = classifier.Predict(images);
        var truth = labels.data<long>().ToArray();
        double accuracy = predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length;
        context.Metric("sample_accuracy", accuracy);
        context.Log.Information($"{accuracy:P1} of {truth.Length} guided samples are classified as their conditioning class");
    }
}
