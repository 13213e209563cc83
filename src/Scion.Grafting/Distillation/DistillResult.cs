using static TorchSharp.torch;

namespace Scion.Grafting.Distillation;

/// <summary>A distilled layer: its best checkpoint (by validation loss), where that was, and the curve.</summary>
public sealed record DistillResult(int Layer, Dictionary<string, Tensor> Best, int BestStep, double BestValidation, IReadOnlyList<DistillPoint> Curve);
