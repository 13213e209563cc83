namespace Scion.Grafting.Distillation;

/// <summary>One evaluation of a layer's distillation: mean training loss since the last one, and validation loss.</summary>
public sealed record DistillPoint(int Step, double Train, double Validation);
