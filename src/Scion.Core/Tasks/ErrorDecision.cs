namespace Scion.Tasks;

/// <summary>What <c>OnError</c> decides. The default fails the run; only an explicit
/// <see cref="Continue"/> lets the run go on (the task is still reported as failed and nothing is cached).</summary>
public enum ErrorDecision
{
    Fail,
    Continue,
}
