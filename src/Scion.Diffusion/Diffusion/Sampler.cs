using Scion.Diffusion.Models;
using static TorchSharp.torch;

namespace Scion.Diffusion.Diffusion;

/// <summary>
/// Class-conditional sampling from a DiT with classifier-free guidance. All noise comes from one generator
/// seeded by <see cref="Seed"/>, so the same settings give the same images on CPU.
/// </summary>
public sealed class Sampler(DiT model, GaussianDiffusion training)
{
    public int Steps { get; init; } = 250;

    public SamplerKind Kind { get; init; } = SamplerKind.Ddpm;

    /// <summary>Guidance scale; 1 (or less) samples without guidance.</summary>
    public double GuidanceScale { get; init; } = 1.5;

    public long Seed { get; init; }

    /// <summary>Clamp predicted x_0 to [−1, 1]: right in pixel space; DiT's latent sampling does not clip.</summary>
    public bool ClipDenoised { get; init; } = true;

    /// <summary>Called after each step with (step done, total steps).</summary>
    public Action<int, int>? OnStep { get; init; }

    /// <summary>Samples one image per label: [B, C, H, W] in the model's space (pixels in [−1, 1] for the embedded default).</summary>
    public Tensor Sample(long[] labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var diffusion = training.Respace(Steps);
        var config = model.Config;
        var device = model.parameters().First().device;
        var generator = new Generator((ulong)Seed, device);
        bool guided = GuidanceScale > 1;
        int b = labels.Length;
        var x = randn([b, config.InChannels, config.InputSize, config.InputSize], generator: generator, device: device);
        var y = tensor(labels, device: device);
        if (guided)
        {
            x = cat([x, x], 0);
            y = cat([y, full([b], (long)model.NullClass, device: device)], 0);
        }

        bool wasTraining = model.training;
        model.eval();
        try
        {
            for (int i = diffusion.Steps - 1; i >= 0; i--)
            {
                using var stepScope = NewDisposeScope();
                var t = full([x.shape[0]], (long)i, device: device);
                var mapped = diffusion.MapTimesteps(t);
                var output = guided ? model.ForwardWithGuidance(x, mapped, y, GuidanceScale) : model.forward(x, mapped, y);
                using var p = diffusion.PMeanVariance(output, x, t, ClipDenoised);
                var noise = randn(x.shape, generator: generator, device: device);
                var next = Kind == SamplerKind.Ddpm ? p.Mean + (i > 0 ? 1 : 0) * exp(0.5 * p.LogVariance) * noise : DdimStep(diffusion, x, t, i, p);
                var previous = x;
                x = next.MoveToOuterDisposeScope();
                previous.Dispose(); // the outer scope would hold every step's images until the end
                OnStep?.Invoke(diffusion.Steps - i, diffusion.Steps);
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return (guided ? x[..b] : x).MoveToOuterDisposeScope();
    }

    /// <summary>DDIM with η = 0: x_{t−1} = √ᾱ_{t−1} · x̂_0 + √(1 − ᾱ_{t−1}) · ε̂.</summary>
    private static Tensor DdimStep(GaussianDiffusion diffusion, Tensor x, Tensor t, int i, Prediction p)
    {
        var eps = diffusion.EpsFromX0(x, t, p.X0);
        double prev = diffusion.AlphasCumprodPrev[i];
        return p.X0 * Math.Sqrt(prev) + Math.Sqrt(1 - prev) * eps;
    }
}
