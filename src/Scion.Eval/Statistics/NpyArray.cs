namespace Scion.Eval.Statistics;

/// <summary>A numeric array as numpy stores it: values in C order (converted to double) and the shape.</summary>
public sealed record NpyArray(double[] Values, long[] Shape);
