using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Scion.Diffusion.Latents;

/// <summary>
/// The image autoencoder of a latent DiT (the Stable Diffusion VAE for DiT-XL/2) as user-provided ONNX files:
/// the decoder maps latents [B, 4, h, w] to images [B, 3, 8h, 8w] in [−1, 1]; the encoder the other way (its first
/// output's first channels are taken as the latent mean). Latents are scaled by <see cref="Scale"/> (0.18215 for
/// the SD VAE), as DiT's sample.py and train.py do.
/// </summary>
public sealed class OnnxVae : IDisposable
{
    private readonly InferenceSession? decoder;
    private readonly InferenceSession? encoder;

    public OnnxVae(string? decoderPath, string? encoderPath = null, double scale = 0.18215, int threads = 0)
    {
        Scale = scale;
        decoder = decoderPath is { Length: > 0 } ? Open(decoderPath, "decoder", threads) : null;
        encoder = encoderPath is { Length: > 0 } ? Open(encoderPath, "encoder", threads) : null;
    }

    public double Scale { get; }

    /// <summary>Latents (already multiplied by <see cref="Scale"/>, as the DiT produces them) → images in [−1, 1].</summary>
    public Tensor Decode(Tensor latents)
    {
        var session = decoder ?? throw new InvalidOperationException("No VAE decoder was given (dit.vae_decoder).");
        using var scaled = latents / Scale;
        return Run(session, scaled, "decoder");
    }

    /// <summary>Images in [−1, 1] → latents scaled by <see cref="Scale"/>.</summary>
    public Tensor Encode(Tensor images, int latentChannels = 4)
    {
        var session = encoder ?? throw new InvalidOperationException("No VAE encoder was given (dit.vae_encoder).");
        using var output = Run(session, images, "encoder");
        return output[.., ..latentChannels] * Scale;
    }

    public void Dispose()
    {
        decoder?.Dispose();
        encoder?.Dispose();
    }

    private static InferenceSession Open(string path, string role, int threads)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"VAE {role} not found: {path}", path);
        }

        var options = new SessionOptions();
        if (threads > 0)
        {
            options.IntraOpNumThreads = threads;
        }

        var session = new InferenceSession(path, options);
        var input = session.InputMetadata.First();
        if (input.Value.ElementType != typeof(float) || input.Value.Dimensions.Length != 4)
        {
            session.Dispose();
            throw new InvalidDataException($"VAE {role} {path}: input '{input.Key}' must be float [B, C, H, W], it is {input.Value.ElementType.Name} [{string.Join(", ", input.Value.Dimensions)}].");
        }

        return session;
    }

    private static Tensor Run(InferenceSession session, Tensor x, string role)
    {
        var (name, meta) = session.InputMetadata.First();
        long channels = meta.Dimensions[1];
        if (channels > 0 && channels != x.shape[1])
        {
            throw new InvalidDataException($"VAE {role} input '{name}' takes {channels} channels, got {x.shape[1]}.");
        }

        using var contiguous = x.to_type(float32).contiguous();
        var input = new DenseTensor<float>(contiguous.data<float>().ToArray(), x.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, input)]);
        var output = results.First().AsTensor<float>();
        return tensor(output.ToArray(), output.Dimensions.ToArray().Select(d => (long)d).ToArray());
    }
}
