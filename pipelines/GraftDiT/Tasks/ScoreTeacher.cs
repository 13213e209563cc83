using Scion.Artifacts;
using Scion.Diffusion.Data;
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
    public override IEnumerable<IParameter> Reads => [P.ImageSize, P.Checkpoint, P.DataSource];

    public override IEnumerable<Artifact> Inputs => [SampleTeacher.Samples, TrainClassifier.Weights];

    public override RunDecision ShouldRun(GraftDiTContext context) =>
        context.Get(P.Checkpoint).Length > 0 ? RunDecision.Skip("the classifier knows the training data's classes, not the checkpoint's") : true;

    public override void Run(GraftDiTContext context)
    {
        var (images, labels) = context.ReadImages(SampleTeacher.Samples, context.Get(P.ImageSize));
        using var classifier = ShapeClassifier.Load(context.InputPath(TrainClassifier.Weights));
        long[] predicted = classifier.Predict(images), truth = labels.data<long>().ToArray();
        double accuracy = ShapeClassifier.Accuracy(predicted, truth);
        context.Metric("sample_accuracy", accuracy);
        context.Log.Information($"{accuracy:P1} of {truth.Length} guided samples are classified as their conditioning class");
        // Which classes fail says more about the teacher than the share does (the embedded classes have names).
        var names = context.Get(P.DataSource).Length == 0 ? ShapesDataset.ClassNames : null;
        context.Log.Information($"per class: {PerClass(predicted, truth, names)}");
    }

    /// <summary>"name right/count" for each conditioning class in label order, e.g. "disc 8/10, square 3/10".</summary>
    public static string PerClass(long[] predicted, long[] truth, IReadOnlyList<string>? names) =>
        string.Join(", ", truth.Zip(predicted).GroupBy(p => p.First).OrderBy(g => g.Key).Select(g =>
            $"{(names is not null && g.Key < names.Count ? names[(int)g.Key] : $"class {g.Key}")} {g.Count(p => p.First == p.Second)}/{g.Count()}"));
}
