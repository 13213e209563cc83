namespace Scion.Execution;

/// <summary>What the scheduler tells the person running it.</summary>
public interface IRunConsole
{
    IProgressSink Progress { get; }

    ITaskLog LogFor(string task);

    void Explain(string task, IReadOnlyList<string> reasons);

    void TaskFinished(TaskResult result);

    void Warning(string message);
}
