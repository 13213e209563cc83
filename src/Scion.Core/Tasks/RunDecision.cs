namespace Scion.Tasks;

/// <summary>What <c>ShouldRun</c> answers: run, or skip with a reason that the summary shows.</summary>
public readonly record struct RunDecision(bool Run, string? Reason)
{
    public static RunDecision Yes => new(true, null);

    public static RunDecision Skip(string reason) => new(false, reason);

    public static implicit operator RunDecision(bool run) => new(run, run ? null : "ShouldRun returned false");
}
