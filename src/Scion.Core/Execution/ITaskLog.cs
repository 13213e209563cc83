namespace Scion.Execution;

/// <summary>Log lines of a task, prefixed with its name and filtered by <c>--verbosity</c>.</summary>
public interface ITaskLog
{
    void Information(string message);

    void Verbose(string message);

    void Warning(string message);

    void Error(string message);
}
