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
        context.Log.Information($"taken for (conditioning→predicted): {Confusions(predicted, truth, names, top: 8)}");
    }

    /// <summary>"name right/count" for each conditioning class in label order, e.g. "disc 8/10, square 3/10".</summary>
    public static string PerClass(long[] predicted, long[] truth, IReadOnlyList<string>? names) =>
        string.Join(", ", truth.Zip(predicted).GroupBy(p => p.First).OrderBy(g => g.Key).Select(g =>
            $"{Name(g.Key, names)} {g.Count(p => p.First == p.Second)}/{g.Count()}"));

    /// <summary>The <paramref name="top"/> most frequent wrong labels, e.g. "plus→square 12, ring→disc 5"; ties in label order.</summary>
    public static string Confusions(long[] predicted, long[] truth, IReadOnlyList<string>? names, int top)
    {
        var pairs = truth.Zip(predicted).Where(p => p.First != p.Second).GroupBy(p => p)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.First).ThenBy(g => g.Key.Second).Take(top)
            .Select(g => $"{Name(g.Key.First, names)}→{Name(g.Key.Second, names)} {g.Count()}").ToList();
        return pairs.Count == 0 ? "none" : string.Join(", ", pairs);
    }

    private static string Name(long label, IReadOnlyList<string>? names) =>
        names is not null && label < names.Count ? names[(int)label] : $"class {label}";
}
