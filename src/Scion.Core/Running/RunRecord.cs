namespace Scion.Running;

/// <summary>The record of one run (JSON): what ran, what was cached, durations, parameters, metrics.</summary>
public sealed record RunRecord(
    string RunId,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Pipelines,
    DateTimeOffset Started,
    double DurationSeconds,
    string CommandLine,
    string Device,
    string? Profile,
    bool Succeeded,
    IReadOnlyList<ParameterRecord> Parameters,
    IReadOnlyList<TaskRecord> Tasks);
