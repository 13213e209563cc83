namespace Scion.Diffusion.Training;

/// <summary>What the learning rate does after warm-up: stay at its peak (DiT's recipe) or follow a half cosine to
/// zero at the last step, common for a fixed step budget (with Min-SNR-1, the embedded teacher's default; README).</summary>
public enum LearningRateDecay
{
    Constant,
    Cosine,
}
