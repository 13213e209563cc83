namespace Scion.Diffusion.Training;

/// <summary>What the learning rate does after warm-up: stay at its peak (DiT's recipe) or follow a half cosine to
/// zero at the last step, which gets more out of a short, fixed step budget.</summary>
public enum LearningRateDecay
{
    Constant,
    Cosine,
}
