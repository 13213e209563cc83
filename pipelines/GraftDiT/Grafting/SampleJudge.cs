using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Latents;
using Scion.Diffusion.Models;
using static TorchSharp.torch;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>
/// Draws a model's class-conditional samples with the sample.* settings. The teacher and every hybrid go through
/// the same code, so their numbers compare (judged by <see cref="SampleQuality"/>).
/// </summary>
public static class SampleJudge
{
    /// <summary>The labels drawn: <c>sample.per_class</c> of each class, class by class (row r of a grid is class r).</summary>
    public static long[] Labels(GraftDiTContext context, DiTConfig config) =>
        Enumerable.Range(0, Math.Min(config.NumClasses, 10)).SelectMany(c => Enumerable.Repeat((long)c, context.Get(P.SamplesPerClass))).ToArray();

    /// <summary>Guided samples in [−1, 1] (decoded by the VAE when dit.vae_decoder is given).</summary>
    public static Tensor Draw(GraftDiTContext context, DiT model, DiTConfig config, long[] labels, string what)
    {
        string decoder = context.Get(P.VaeDecoder);
        bool latent = decoder.Length > 0;
        if (!latent && config.InChannels != 3)
        {
            throw new InvalidOperationException($"This DiT works in a {config.InChannels}-channel latent space: give its VAE decoder with --param dit.vae_decoder=PATH.onnx.");
        }

        int steps = context.Get(P.SampleSteps);
        using var progress = context.Progress($"sampling {what}", steps);
        var sampler = new Sampler(model, GaussianDiffusion.For(config))
        {
            Steps = steps,
            Kind = context.Get(P.Sampler) == "ddim" ? SamplerKind.Ddim : SamplerKind.Ddpm,
            GuidanceScale = context.Get(P.GuidanceScale),
            Seed = context.Get(P.SampleSeed),
            OnStep = (done, _) => progress.Report(done),
            ClipDenoised = !latent, // as DiT's sample.py: latents are not clipped
        };
        var drawn = sampler.Sample(labels);
        if (!latent)
        {
            return drawn;
        }

        using (drawn)
        using (var vae = new OnnxVae(decoder, scale: context.Get(P.VaeScale)))
        {
            return vae.Decode(drawn);
        }
    }
}
