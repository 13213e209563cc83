using Scion.Diffusion.Onnx;
using static TorchSharp.torch;

namespace Scion.Eval.Encoders;

/// <summary>
/// A user-provided ONNX image encoder (e.g. DINOv2 ViT-L/14 exported by the user) run with ONNX Runtime, with
/// FD-DINOv2 preprocessing: RGB, squashed to the model's input size (224 when not fixed) with bicubic resampling,
/// scaled to [0, 1], ImageNet mean/std. A [B, D] output is the feature; a [B, T, D] output gives its first (CLS) token.
/// </summary>
public sealed class OnnxFeatureEncoder : IFeatureEncoder
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly OnnxImageModel model;
    private readonly int side;

    public OnnxFeatureEncoder(string path, int batchSize = 32, int threads = 0)
    {
        model = new OnnxImageModel(path, "ONNX encoder", threads);
        var dims = model.InputDimensions;
        if ((dims[1] > 0 && dims[1] != 3) || (dims[2] > 0 && dims[3] > 0 && dims[2] != dims[3]))
        {
            model.Dispose();
            throw new InvalidDataException($"ONNX encoder {path}: input '{model.InputName}' must be float [B, 3, S, S]; the model has [{string.Join(", ", dims)}].");
        }

        side = dims[2] > 0 ? dims[2] : 224;
        BatchSize = batchSize;
        Name = "onnx:" + Path.GetFileName(path);
    }

    public string Name { get; }

    public int BatchSize { get; }

    /// <summary>The preprocessed batch the model sees: [B, 3, S, S] float, normalised.</summary>
    public Tensor Preprocess(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = images.to_type(float32);
        if (x.shape[2] != side || x.shape[3] != side)
        {
            x = nn.functional.interpolate(x, [side, side], mode: InterpolationMode.Bicubic, align_corners: false).clamp(0, 255);
        }

        var mean = tensor(Mean).reshape(1, 3, 1, 1);
        var std = tensor(Std).reshape(1, 3, 1, 1);
        return ((x / 255f - mean) / std).MoveToOuterDisposeScope();
    }

    public Tensor Encode(Tensor images, Action<long>? progress = null)
    {
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += BatchSize)
        {
            long end = Math.Min(images.shape[0], start + BatchSize);
            using var batch = Preprocess(images[(int)start..(int)end]);
            parts.Add(Run(batch));
            progress?.Invoke(end);
        }

        var all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    public void Dispose() => model.Dispose();

    private Tensor Run(Tensor batch)
    {
        using var features = model.Run(batch);
        return features.dim() switch
        {
            2 => features.to_type(float64),
            3 => features[.., 0].to_type(float64),
            _ => throw new InvalidDataException($"ONNX encoder output is [{string.Join(", ", features.shape)}]; expected [B, D] or [B, T, D]."),
        };
    }
}
