namespace Scion.Running;

/// <summary>A row of the metric history table (<c>history/metrics.parquet</c> in the cache).</summary>
public sealed class MetricHistoryRow
{
    public string RunId { get; set; } = "";

    public DateTime Timestamp { get; set; }

    public string Pipeline { get; set; } = "";

    public string Task { get; set; } = "";

    public string Metric { get; set; } = "";

    public double Value { get; set; }

    public string Unit { get; set; } = "";

    /// <summary>Executed or Cached: a cached task's metrics are those of the run that computed them.</summary>
    public string Status { get; set; } = "";

    public string CacheKey { get; set; } = "";
}
