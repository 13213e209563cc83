namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>What stage 1 of one layer found: the best validation loss, at which step, and the curve.</summary>
public sealed record DistillShardResult(int Layer, int BestStep, double BestValidation, int[] Steps, double[] Train, double[] Validation, double Seconds);
