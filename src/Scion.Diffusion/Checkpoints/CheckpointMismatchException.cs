namespace Scion.Diffusion.Checkpoints;

/// <summary>A checkpoint whose keys or shapes do not match the model it is loaded into.</summary>
public sealed class CheckpointMismatchException(string message) : Exception(message);
