namespace Scion.Diffusion.Training;

/// <summary>What the learning rate does after warm-up: stay at its peak (DiT's recipe), follow a half cosine to zero
/// at the last step, or fall in a straight line to zero there (Bergsma et al. 2025, "Straight to zero"); the two
/// decays are common for a fixed step budget (README: The teacher's budget).</summary>
public enum LearningRateDecay
{
    Constant,
    Cosine,
    Linear,
}
