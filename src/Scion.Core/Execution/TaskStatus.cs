namespace Scion.Execution;

public enum TaskStatus
{
    Executed,
    Cached,
    Skipped,
    Failed,

    /// <summary>Dry run only: the task would run.</summary>
    WouldRun,
}
