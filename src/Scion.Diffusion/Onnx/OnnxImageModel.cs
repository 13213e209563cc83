using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Scion.Diffusion.Onnx;

/// <summary>
/// A user-provided ONNX model whose first input is a float image batch [B, C, H, W] (a VAE, a feature encoder),
/// run with ONNX Runtime on TorchSharp tensors: the one place that opens such files and converts tensors.
/// </summary>
public sealed class OnnxImageModel : IDisposable
{
    private readonly InferenceSession session;

    /// <param name="what">What the model is for, in error messages ("VAE decoder", "ONNX encoder").</param>
    public OnnxImageModel(string path, string what, int threads = 0)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{what} not found: {path}", path);
        }

        using var options = new SessionOptions();
        if (threads > 0)
        {
            options.IntraOpNumThreads = threads;
        }

        session = new InferenceSession(path, options);
        var (name, meta) = session.InputMetadata.First();
        if (meta.ElementType != typeof(float) || meta.Dimensions.Length != 4)
        {
            session.Dispose();
            throw new InvalidDataException($"{what} {path}: input '{name}' must be float [B, C, H, W], it is {meta.ElementType.Name} [{string.Join(", ", meta.Dimensions)}].");
        }

        InputName = name;
        InputDimensions = meta.Dimensions;
    }

    public string InputName { get; }

    /// <summary>[B, C, H, W] as the model declares them; −1 where a dimension is dynamic.</summary>
    public int[] InputDimensions { get; }

    /// <summary>Runs the model on <paramref name="x"/> (converted to float32) and returns its first output.</summary>
    public Tensor Run(Tensor x)
    {
        using var contiguous = x.to_type(float32).contiguous();
        var input = new DenseTensor<float>(contiguous.data<float>().ToArray(), x.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(InputName, input)]);
        var output = results.First().AsTensor<float>();
        return tensor(output.ToArray(), output.Dimensions.ToArray().Select(d => (long)d).ToArray());
    }

    public void Dispose() => session.Dispose();
}
