using static TorchSharp.torch;

namespace Scion.Diffusion.Diffusion;

/// <summary>The closed forms the variational bound needs (as in improved-diffusion's losses.py).</summary>
public static class GaussianMath
{
    /// <summary>KL between two diagonal Gaussians given by mean and log-variance, elementwise, in nats.</summary>
    public static Tensor NormalKl(Tensor mean1, Tensor logVar1, Tensor mean2, Tensor logVar2)
    {
        using var scope = NewDisposeScope();
        return (0.5 * (-1.0 + logVar2 - logVar1 + exp(logVar1 - logVar2) + (mean1 - mean2).square() * exp(-logVar2))).MoveToOuterDisposeScope();
    }

    /// <summary>The tanh approximation of the standard normal CDF used by the official code.</summary>
    public static Tensor ApproxStandardNormalCdf(Tensor x)
    {
        using var scope = NewDisposeScope();
        return (0.5 * (1.0 + tanh(Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x.pow(3))))).MoveToOuterDisposeScope();
    }

    /// <summary>Log-likelihood of images in [−1, 1] discretised to 256 levels under N(means, exp(logScales)²), elementwise.</summary>
    public static Tensor DiscretizedLogLikelihood(Tensor x, Tensor means, Tensor logScales)
    {
        using var scope = NewDisposeScope();
        var centered = x - means;
        var invStd = exp(-logScales);
        var cdfPlus = ApproxStandardNormalCdf(invStd * (centered + (1.0 / 255)));
        var cdfMin = ApproxStandardNormalCdf(invStd * (centered - (1.0 / 255)));
        var logCdfPlus = log(cdfPlus.clamp(min: 1e-12));
        var logOneMinusCdfMin = log((1.0 - cdfMin).clamp(min: 1e-12));
        var logDelta = log((cdfPlus - cdfMin).clamp(min: 1e-12));
        return where(x < -0.999, logCdfPlus, where(x > 0.999, logOneMinusCdfMin, logDelta)).MoveToOuterDisposeScope();
    }
}
