namespace Scion.Execution;

/// <summary><see cref="TaskStatus"/> names without <c>Enum.ToString</c>, whose first call costs a cached rerun ~5 ms
/// of reflection (see <see cref="Artifacts.ArtifactKinds"/>).</summary>
public static class TaskStatuses
{
    public static string Name(this TaskStatus status) => status switch
    {
        TaskStatus.Executed => nameof(TaskStatus.Executed),
        TaskStatus.Cached => nameof(TaskStatus.Cached),
        TaskStatus.Skipped => nameof(TaskStatus.Skipped),
        TaskStatus.Failed => nameof(TaskStatus.Failed),
        TaskStatus.WouldRun => nameof(TaskStatus.WouldRun),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a task status."),
    };
}
