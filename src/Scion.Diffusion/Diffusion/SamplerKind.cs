namespace Scion.Diffusion.Diffusion;

public enum SamplerKind
{
    /// <summary>Ancestral sampling with the model's variance (DiT's released numbers use 250 such steps).</summary>
    Ddpm,

    /// <summary>Deterministic DDIM (η = 0).</summary>
    Ddim,
}
