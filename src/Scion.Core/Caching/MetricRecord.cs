namespace Scion.Caching;

/// <summary>A number a task recorded: name, value and unit (e.g. "fd", 2.3, "").</summary>
public sealed record MetricRecord(string Name, double Value, string Unit);
