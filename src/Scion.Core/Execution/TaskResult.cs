using Scion.Caching;

namespace Scion.Execution;

/// <summary>What happened to one task in a run.</summary>
public sealed record TaskResult(
    string Task,
    string Pipeline,
    TaskStatus Status,
    TimeSpan Duration,
    string Note,
    string? Key = null,
    IReadOnlyDictionary<string, string>? Inputs = null,
    IReadOnlyList<OutputRecord>? Outputs = null,
    IReadOnlyList<MetricRecord>? Metrics = null,
    IReadOnlyList<string>? Reasons = null,
    string? EntryFolder = null)
{
    /// <summary>A failure that OnError chose to let pass.</summary>
    public bool ErrorIgnored { get; init; }

    /// <summary>A line the task asked to be printed at the very end of the run.</summary>
    public string? Conclusion { get; init; }
}
