using Scion.Caching;

namespace Scion.Running;

/// <summary>One task in a run record.</summary>
public sealed record TaskRecord(
    string Name,
    string Pipeline,
    string Description,
    IReadOnlyList<string> DependsOn,
    string Status,
    double DurationSeconds,
    string Note,
    string? Key,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyList<OutputRecord> Outputs,
    IReadOnlyList<MetricRecord> Metrics,
    IReadOnlyList<string> Reasons,
    string? EntryFolder);
