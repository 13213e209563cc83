namespace Scion.Eval.Metrics;

public sealed record PrdcResult(double Precision, double Recall, double Density, double Coverage);
