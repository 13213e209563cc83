namespace Scion.Execution;

/// <summary>Where progress goes: Spectre.Console bars on a terminal, plain periodic lines otherwise.</summary>
public interface IProgressSink
{
    ProgressHandle Start(string task, string label, long total);
}
