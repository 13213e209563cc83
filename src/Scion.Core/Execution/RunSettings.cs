namespace Scion.Execution;

/// <summary>What the scheduler needs to know about a run (taken from the command line).</summary>
public sealed record RunSettings
{
    public required IReadOnlyList<string> Targets { get; init; }

    public bool Exclusive { get; init; }

    public bool DryRun { get; init; }

    public bool Explain { get; init; }

    public bool Verify { get; init; }

    public bool ForceAll { get; init; }

    public IReadOnlySet<string> Force { get; init; } = new HashSet<string>();

    public int Jobs { get; init; } = 1;

    public string Device { get; init; } = "auto";

    public string RunId { get; init; } = NewRunId();

    public static string NewRunId() =>
        $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}";
}
