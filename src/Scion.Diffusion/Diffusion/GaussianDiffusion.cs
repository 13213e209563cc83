using Scion.Diffusion.Models;
using static TorchSharp.torch;

namespace Scion.Diffusion.Diffusion;

/// <summary>
/// Gaussian diffusion as in DiT (improved-diffusion): epsilon prediction, learned-range variance, loss = noise MSE
/// + variational bound term. A respaced process (fewer sampling steps) keeps the original timestep numbers in
/// <see cref="TimestepMap"/>, which is what the model sees. With <see cref="PredictionTarget.Velocity"/> the model
/// predicts v instead of ε; everything downstream of the output (variance, x₀, samplers, guidance) sees the ε it implies.
/// </summary>
public sealed class GaussianDiffusion
{
    private GaussianDiffusion(double[] betas, int[] timestepMap, bool learnSigma, PredictionTarget target)
    {
        Betas = betas;
        TimestepMap = timestepMap;
        LearnSigma = learnSigma;
        Target = target;
        int n = betas.Length;
        AlphasCumprod = new double[n];
        double product = 1;
        for (int i = 0; i < n; i++)
        {
            product *= 1 - betas[i];
            AlphasCumprod[i] = product;
        }

        AlphasCumprodPrev = [1.0, .. AlphasCumprod[..^1]];
        PosteriorVariance = Enumerable.Range(0, n).Select(i => betas[i] * (1 - AlphasCumprodPrev[i]) / (1 - AlphasCumprod[i])).ToArray();
        // log of the posterior variance with its first (zero) entry replaced by the second, as in the official code
        PosteriorLogVarianceClipped = n > 1 ? PosteriorVariance.Select((v, i) => Math.Log(i == 0 ? PosteriorVariance[1] : v)).ToArray() : [];
        PosteriorMeanCoef1 = Enumerable.Range(0, n).Select(i => betas[i] * Math.Sqrt(AlphasCumprodPrev[i]) / (1 - AlphasCumprod[i])).ToArray();
        PosteriorMeanCoef2 = Enumerable.Range(0, n).Select(i => (1 - AlphasCumprodPrev[i]) * Math.Sqrt(1 - betas[i]) / (1 - AlphasCumprod[i])).ToArray();

        // derived tables the per-step formulas read, computed once rather than at every training or sampling step
        sqrtAlphasCumprod = AlphasCumprod.Select(v => Math.Sqrt(v)).ToArray();
        sqrtOneMinusAlphasCumprod = AlphasCumprod.Select(v => Math.Sqrt(1 - v)).ToArray();
        sqrtRecipAlphasCumprod = AlphasCumprod.Select(v => Math.Sqrt(1 / v)).ToArray();
        sqrtRecipMinusOneAlphasCumprod = AlphasCumprod.Select(v => Math.Sqrt((1 / v) - 1)).ToArray();
        logBetas = betas.Select(b => Math.Log(b)).ToArray();
        // fixed "large" variance: β_t, with the first entry set to the posterior's so that log stays finite
        logFixedLargeVariance = betas.Select((b, i) => Math.Log(i == 0 && n > 1 ? PosteriorVariance[1] : b)).ToArray();
    }

    private readonly double[] sqrtAlphasCumprod;
    private readonly double[] sqrtOneMinusAlphasCumprod;
    private readonly double[] sqrtRecipAlphasCumprod;
    private readonly double[] sqrtRecipMinusOneAlphasCumprod;
    private readonly double[] logBetas;
    private readonly double[] logFixedLargeVariance;

    /// <summary>The DiT training process: 1000 steps, linear betas, learned sigma, ε prediction unless told.</summary>
    public static GaussianDiffusion Create(int steps = 1000, bool learnSigma = true, PredictionTarget target = PredictionTarget.Epsilon) =>
        new(NoiseSchedule.LinearBetas(steps), Enumerable.Range(0, steps).ToArray(), learnSigma, target);

    /// <summary>The training process of a DiT of <paramref name="config"/>: its learned sigma and prediction target.</summary>
    public static GaussianDiffusion For(DiTConfig config) => Create(learnSigma: config.LearnSigma, target: config.Target);

    public double[] Betas { get; }

    public int[] TimestepMap { get; }

    public bool LearnSigma { get; }

    public PredictionTarget Target { get; }

    public int Steps => Betas.Length;

    public double[] AlphasCumprod { get; }

    public double[] AlphasCumprodPrev { get; }

    public double[] PosteriorVariance { get; }

    public double[] PosteriorLogVarianceClipped { get; }

    public double[] PosteriorMeanCoef1 { get; }

    public double[] PosteriorMeanCoef2 { get; }

    /// <summary>The same process sampled with <paramref name="count"/> of its steps (official respacing: the
    /// kept steps' cumulative alphas are unchanged, betas are recomputed between them).</summary>
    public GaussianDiffusion Respace(int count)
    {
        var kept = NoiseSchedule.SpacedTimesteps(Steps, count);
        var betas = new double[kept.Length];
        double last = 1;
        for (int i = 0; i < kept.Length; i++)
        {
            double ac = AlphasCumprod[kept[i]];
            betas[i] = 1 - (ac / last);
            last = ac;
        }

        return new GaussianDiffusion(betas, kept.Select(k => TimestepMap[k]).ToArray(), LearnSigma, Target);
    }

    /// <summary>x_t = √ᾱ_t · x_0 + √(1 − ᾱ_t) · noise.</summary>
    public Tensor QSample(Tensor x0, Tensor t, Tensor noise)
    {
        using var scope = NewDisposeScope();
        var a = Extract(sqrtAlphasCumprod, t, x0);
        var b = Extract(sqrtOneMinusAlphasCumprod, t, x0);
        return (a * x0 + b * noise).MoveToOuterDisposeScope();
    }

    /// <summary>Mean and log-variance of q(x_{t−1} | x_t, x_0).</summary>
    public (Tensor Mean, Tensor LogVariance) QPosterior(Tensor x0, Tensor xt, Tensor t)
    {
        using var scope = NewDisposeScope();
        var mean = Extract(PosteriorMeanCoef1, t, xt) * x0 + Extract(PosteriorMeanCoef2, t, xt) * xt;
        var logVar = Extract(PosteriorLogVarianceClipped, t, xt);
        return (mean.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// p(x_{t−1} | x_t) from a model output: ε (or v) in the first C channels and, with learned sigma, the variance
    /// interpolation v ∈ [−1, 1] between the posterior's and β_t's log-variance in the rest.
    /// </summary>
    public Prediction PMeanVariance(Tensor modelOutput, Tensor xt, Tensor t, bool clipDenoised)
    {
        using var scope = NewDisposeScope();
        long c = xt.shape[1];
        var eps = EpsFromOutput(modelOutput[.., ..(int)c], xt, t);
        Tensor logVar;
        if (LearnSigma)
        {
            var frac = (modelOutput[.., (int)c..] + 1) / 2;
            var minLog = Extract(PosteriorLogVarianceClipped, t, xt);
            var maxLog = Extract(logBetas, t, xt);
            logVar = frac * maxLog + (1 - frac) * minLog;
        }
        else
        {
            logVar = Extract(logFixedLargeVariance, t, xt) * ones_like(xt);
        }

        var x0 = Extract(sqrtRecipAlphasCumprod, t, xt) * xt - Extract(sqrtRecipMinusOneAlphasCumprod, t, xt) * eps;
        if (clipDenoised)
        {
            x0 = x0.clamp(-1, 1);
        }

        var (mean, _) = QPosterior(x0, xt, t);
        return new Prediction(mean.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope(), x0.MoveToOuterDisposeScope(), eps.MoveToOuterDisposeScope());
    }

    /// <summary>ε from a predicted x_0 (used by DDIM).</summary>
    public Tensor EpsFromX0(Tensor xt, Tensor t, Tensor x0)
    {
        using var scope = NewDisposeScope();
        var a = Extract(sqrtRecipAlphasCumprod, t, xt);
        var b = Extract(sqrtRecipMinusOneAlphasCumprod, t, xt);
        return ((a * xt - x0) / b).MoveToOuterDisposeScope();
    }

    /// <summary>Per-sample training loss (official <c>training_losses</c>, MSE type): ‖ε − ε̂‖² (or ‖v − v̂‖²) averaged
    /// over pixels, plus, with learned sigma, the variational bound in bits per dimension with the mean's gradient stopped.</summary>
    public LossTerms TrainingLosses(Func<Tensor, Tensor, Tensor> model, Tensor x0, Tensor t, Tensor noise)
    {
        using var scope = NewDisposeScope();
        var xt = QSample(x0, t, noise);
        var output = model(xt, MapTimesteps(t));
        long c = x0.shape[1];
        var predicted = output[.., ..(int)c]; // ε̂ or v̂
        var target = Target == PredictionTarget.Velocity ? Velocity(x0, t, noise) : noise;
        var mse = (target - predicted).square().mean([1, 2, 3]);
        var vb = zeros_like(mse);
        if (LearnSigma)
        {
            var frozen = cat([predicted.detach(), output[.., (int)c..]], 1);
            vb = VariationalBound(frozen, x0, xt, t) * (Steps / 1000.0);
        }

        return new LossTerms((mse + vb).MoveToOuterDisposeScope(), mse.MoveToOuterDisposeScope(), vb.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Min-SNR-γ loss weights (Hang et al., 2023), <c>SNR_t = ᾱ_t / (1 − ᾱ_t)</c>: for ε-prediction
    /// <c>min(SNR_t, γ) / SNR_t</c>, for v-prediction <c>min(SNR_t, γ) / (SNR_t + 1)</c> — both weigh the x₀ error by
    /// min(SNR_t, γ). Steps noisier than SNR γ keep their weight; the nearly clean ones, whose error says little about
    /// the image, weigh less. One weight per step, indexed by t.
    /// </summary>
    public double[] MinSnrWeights(double gamma)
    {
        if (gamma <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Min-SNR γ must be positive.");
        }

        return AlphasCumprod.Select(a => a / (1 - a))
            .Select(snr => Math.Min(snr, gamma) / (Target == PredictionTarget.Velocity ? snr + 1 : snr)).ToArray();
    }

    /// <summary>v = √ᾱ_t · ε − √(1 − ᾱ_t) · x₀, the target of v-prediction.</summary>
    public Tensor Velocity(Tensor x0, Tensor t, Tensor noise)
    {
        using var scope = NewDisposeScope();
        return (Extract(sqrtAlphasCumprod, t, x0) * noise - Extract(sqrtOneMinusAlphasCumprod, t, x0) * x0).MoveToOuterDisposeScope();
    }

    /// <summary>The ε a model output implies: itself for ε-prediction, √ᾱ_t · v + √(1 − ᾱ_t) · x_t for v-prediction.</summary>
    private Tensor EpsFromOutput(Tensor output, Tensor xt, Tensor t) => Target == PredictionTarget.Velocity
        ? Extract(sqrtAlphasCumprod, t, xt) * output + Extract(sqrtOneMinusAlphasCumprod, t, xt) * xt
        : output;

    /// <summary>KL(q(x_{t−1}|x_t,x_0) ‖ p(x_{t−1}|x_t)) in bits per dimension, and the decoder NLL at t = 0.</summary>
    public Tensor VariationalBound(Tensor modelOutput, Tensor x0, Tensor xt, Tensor t)
    {
        using var scope = NewDisposeScope();
        var (trueMean, trueLogVar) = QPosterior(x0, xt, t);
        var p = PMeanVariance(modelOutput, xt, t, clipDenoised: false);
        var kl = GaussianMath.NormalKl(trueMean, trueLogVar, p.Mean, p.LogVariance).mean([1, 2, 3]) / Math.Log(2);
        // the decoder likelihood only for the rows at t = 0: about one batch of 32 in thirty has one, and its twenty
        // element-wise passes over the whole batch took about 2% of a teacher training step
        var first = (t == 0).nonzero().flatten();
        if (first.numel() == 0)
        {
            return kl.MoveToOuterDisposeScope();
        }

        var nll = -GaussianMath.DiscretizedLogLikelihood(x0.index_select(0, first), p.Mean.index_select(0, first),
            0.5 * p.LogVariance.index_select(0, first)).mean([1, 2, 3]) / Math.Log(2);
        return kl.index_copy(0, first, nll).MoveToOuterDisposeScope();
    }

    /// <summary>The original timestep numbers of steps <paramref name="t"/> of this (possibly respaced) process.</summary>
    public Tensor MapTimesteps(Tensor t)
    {
        using var map = tensor(TimestepMap.Select(v => (long)v).ToArray(), device: t.device);
        return map.index_select(0, t.to_type(int64));
    }

    /// <summary>Values of a per-step table at <paramref name="t"/>, as float32 shaped to broadcast over <paramref name="like"/>.</summary>
    internal static Tensor Extract(double[] table, Tensor t, Tensor like)
    {
        using var scope = NewDisposeScope();
        var values = tensor(table, device: t.device).index_select(0, t.to_type(int64)).to_type(float32);
        var shape = new long[like.dim()];
        Array.Fill(shape, 1L);
        shape[0] = t.shape[0];
        return values.reshape(shape).MoveToOuterDisposeScope();
    }
}
