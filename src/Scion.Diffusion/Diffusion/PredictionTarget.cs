using System.Text.Json.Serialization;

namespace Scion.Diffusion.Diffusion;

/// <summary>
/// What the model's first output channels predict. DiT and its official checkpoints predict the noise ε. With
/// v = √ᾱ·ε − √(1 − ᾱ)·x₀ (Salimans &amp; Ho, 2022) the output at high noise is close to −x₀ itself instead of
/// ε minus a correction scaled by √ᾱ ≈ 0.006, which is what lets a small teacher learn the image's layout early.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PredictionTarget>))]
public enum PredictionTarget
{
    Epsilon,
    Velocity,
}

/// <summary>The parameter spellings of <see cref="PredictionTarget"/>: "epsilon" and "v".</summary>
public static class PredictionTargets
{
    public static PredictionTarget Parse(string text) => text switch
    {
        "epsilon" => PredictionTarget.Epsilon,
        "v" => PredictionTarget.Velocity,
        _ => throw new ArgumentException($"Unknown prediction target '{text}': use 'epsilon' or 'v'.", nameof(text)),
    };
}
