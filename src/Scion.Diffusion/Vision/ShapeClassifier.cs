using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scion.Diffusion.Vision;

/// <summary>
/// A small CNN for the embedded images: three conv stages (16, 32, 64 channels) → global average pool → linear.
/// The pooled 64-d vector is its feature embedding (the evaluation's embedded encoder).
/// </summary>
public sealed class ShapeClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear head;

    /// <summary>A new classifier; with a <paramref name="seed"/> its initial weights are drawn from a generator of that
    /// seed, not from the global one, whose state depends on what else ran (or runs alongside) in the process.</summary>
    public ShapeClassifier(int classes, long? seed = null) : base(nameof(ShapeClassifier))
    {
        using var drawing = Scion.Torch.GlobalGenerator.Hold(); // the layers' default initialisation draws from it first
        features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding: 1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten());
        head = nn.Linear(64, classes);
        RegisterComponents();
        if (seed is long s)
        {
            Reinitialise(new Generator((ulong)s));
        }
    }

    /// <summary>PyTorch's default initialisation of convolutions and linear layers, weights and biases alike
    /// U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5), drawn from <paramref name="generator"/>.</summary>
    private void Reinitialise(Generator generator)
    {
        using var noGrad = no_grad();
        var parameters = named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        foreach (var (name, p) in parameters)
        {
            var weight = name.EndsWith(".bias", StringComparison.Ordinal) ? parameters[name[..^5] + ".weight"] : p;
            double bound = 1 / Math.Sqrt(weight.numel() / weight.shape[0]);
            p.uniform_(-bound, bound, generator);
        }
    }

    public const int FeatureSize = 64;

    /// <summary>A classifier saved as safetensors, its class count read from the head, loaded strictly.</summary>
    public static ShapeClassifier Load(string path)
    {
        var state = Checkpoints.StateDictFile.Read(path);
        var classifier = new ShapeClassifier((int)state["head.weight"].shape[0]);
        Checkpoints.StrictLoader.Load(classifier, state, path);
        classifier.eval();
        return classifier;
    }

    /// <summary>Images in [−1, 1] → 64-d features.</summary>
    public Tensor Features(Tensor x) => features.forward(x);

    public override Tensor forward(Tensor x)
    {
        using var f = features.forward(x);
        return head.forward(f);
    }

    /// <summary>Trains with Adam on uint8 images and returns the per-step losses.</summary>
    public List<double> Fit(Tensor images, Tensor labels, int steps, int batch, double lr, long seed, Action<int>? onStep = null)
    {
        var generator = new Generator((ulong)seed);
        train();
        using var optimizer = optim.Adam(parameters(), lr: lr);
        var losses = new List<double>();
        for (int step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            var index = randint(0, images.shape[0], [batch], generator: generator);
            var x = Data.ImageTensors.ToModel(images.index_select(0, index));
            var loss = nn.functional.cross_entropy(forward(x), labels.index_select(0, index));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
            onStep?.Invoke(step);
        }

        eval();
        return losses;
    }

    /// <summary>Share of images whose predicted class is their label.</summary>
    public double Accuracy(Tensor images, Tensor labels) => Accuracy(Predict(images), labels.data<long>().ToArray());

    /// <summary>Share of predictions equal to their label (for callers that also look at the predictions).</summary>
    public static double Accuracy(long[] predicted, long[] truth) =>
        predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length;

    /// <summary>Predicted class of images in [−1, 1], in batches.</summary>
    public long[] Predict(Tensor images, int batch = 256)
    {
        using var noGrad = no_grad();
        eval();
        var predictions = new List<long>();
        for (long i = 0; i < images.shape[0]; i += batch)
        {
            using var scope = NewDisposeScope();
            var x = images[(int)i..(int)Math.Min(images.shape[0], i + batch)];
            if (x.dtype == uint8)
            {
                x = Data.ImageTensors.ToModel(x);
            }

            predictions.AddRange(forward(x).argmax(1).data<long>().ToArray());
        }

        return [.. predictions];
    }
}
