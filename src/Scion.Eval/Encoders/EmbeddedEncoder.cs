using Scion.Diffusion.Data;
using Scion.Diffusion.Vision;
using static TorchSharp.torch;

namespace Scion.Eval.Encoders;

/// <summary>The embedded encoder: the penultimate (pooled) features of the classifier trained on the real training
/// images, so that FD and PRDC mean something on the embedded data without any download.</summary>
public sealed class EmbeddedEncoder : IFeatureEncoder
{
    private readonly ShapeClassifier classifier;

    public EmbeddedEncoder(string weightsPath, int batchSize = 256)
    {
        classifier = ShapeClassifier.Load(weightsPath);
        BatchSize = batchSize;
    }

    public string Name => "embedded";

    public int BatchSize { get; }

    public Tensor Encode(Tensor images, Action<long>? progress = null)
    {
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var batch = images[(int)start..(int)Math.Min(images.shape[0], start + BatchSize)];
            parts.Add(classifier.Features(ImageTensors.ToModel(batch)).to_type(float64).MoveToOuterDisposeScope());
            progress?.Invoke(Math.Min(images.shape[0], start + BatchSize));
        }

        var all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    public void Dispose() => classifier.Dispose();
}
