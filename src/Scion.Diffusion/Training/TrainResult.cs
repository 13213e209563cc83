using Scion.Diffusion.Models;

namespace Scion.Diffusion.Training;

/// <summary>The EMA weights after training and the loss of every step.</summary>
public sealed record TrainResult(DiT Ema, IReadOnlyList<(int Step, double Loss)> Curve);
