using Scion.Diffusion.Onnx;
using static TorchSharp.torch;

namespace Scion.Diffusion.Latents;

/// <summary>
/// The image autoencoder of a latent DiT (the Stable Diffusion VAE for DiT-XL/2) as user-provided ONNX files:
/// the decoder maps latents [B, 4, h, w] to images [B, 3, 8h, 8w] in [−1, 1]; the encoder the other way (its first
/// output's first channels are taken as the latent mean). Latents are scaled by <see cref="Scale"/> (0.18215 for
/// the SD VAE), as DiT's sample.py and train.py do.
/// </summary>
public sealed class OnnxVae : IDisposable
{
    private readonly OnnxImageModel? decoder;
    private readonly OnnxImageModel? encoder;

    public OnnxVae(string? decoderPath, string? encoderPath = null, double scale = 0.18215, int threads = 0)
    {
        Scale = scale;
        decoder = decoderPath is { Length: > 0 } ? new OnnxImageModel(decoderPath, "VAE decoder", threads) : null;
        encoder = encoderPath is { Length: > 0 } ? new OnnxImageModel(encoderPath, "VAE encoder", threads) : null;
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

    private static Tensor Run(OnnxImageModel model, Tensor x, string role)
    {
        long channels = model.InputDimensions[1];
        if (channels > 0 && channels != x.shape[1])
        {
            throw new InvalidDataException($"VAE {role} input '{model.InputName}' takes {channels} channels, got {x.shape[1]}.");
        }

        return model.Run(x);
    }
}
