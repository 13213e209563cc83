using Scion.Execution;
using Spectre.Console;

namespace Scion.Console;

/// <summary>The run as the person at the terminal sees it: task lines, explanations, warnings, progress.</summary>
public sealed class ConsoleReporter(IAnsiConsole console, Verbosity verbosity, IProgressSink progress) : IRunConsole
{
    private readonly Lock gate = new();

    public IProgressSink Progress { get; } = progress;

    public Verbosity Verbosity { get; } = verbosity;

    public ITaskLog LogFor(string task) => new TaskLog(this, task);

    public void Explain(string task, IReadOnlyList<string> reasons) =>
        Write(Verbosity.Quiet, $"[blue]explain[/] {Markup.Escape(task)} runs because: {Markup.Escape(string.Join("; ", reasons))}");

    public void TaskFinished(TaskResult result)
    {
        var level = result.Status == Execution.TaskStatus.Failed ? Verbosity.Quiet : Verbosity.Normal;
        if (Verbosity < level)
        {
            return; // not shown: not formatted either (fifty lines of a cached rerun at --verbosity=quiet)
        }

        string color = result.Status switch
        {
            Execution.TaskStatus.Failed => "red",
            Execution.TaskStatus.Cached => "grey",
            Execution.TaskStatus.Skipped => "yellow",
            _ => "green",
        };
        string note = result.Note.Length > 0 ? $" ({Markup.Escape(result.Note)})" : "";
        Write(level, $"[{color}]{result.Status.Name(),-8}[/] {Markup.Escape(result.Task)} {Durations.Natural(result.Duration)}{note}");
    }

    public void Warning(string message) => Write(Verbosity.Minimal, $"[yellow]warning[/] {Markup.Escape(message)}");

    public void Info(string message, Verbosity level = Verbosity.Normal) => Write(level, Markup.Escape(message));

    public void Error(string message) => Write(Verbosity.Quiet, $"[red]error[/] {Markup.Escape(message)}");

    private void Write(Verbosity level, string markup)
    {
        if (Verbosity < level)
        {
            return;
        }

        lock (gate)
        {
            if (console.Profile.Capabilities.Ansi)
            {
                console.MarkupLine(markup);
            }
            else
            {
                // Output to a file or pipe: the plain text, unwrapped. Rendering markup costs about 1 ms a line,
                // which was the largest share of a cached 50-task rerun.
                console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
            }
        }
    }

    private sealed class TaskLog(ConsoleReporter owner, string task) : ITaskLog
    {
        public void Information(string message) => owner.Write(Verbosity.Normal, $"[[{Markup.Escape(task)}]] {Markup.Escape(message)}");

        public void Verbose(string message) => owner.Write(Verbosity.Verbose, $"[grey][[{Markup.Escape(task)}]] {Markup.Escape(message)}[/]");

        public void Warning(string message) => owner.Write(Verbosity.Minimal, $"[yellow][[{Markup.Escape(task)}]] {Markup.Escape(message)}[/]");

        public void Error(string message) => owner.Write(Verbosity.Quiet, $"[red][[{Markup.Escape(task)}]] {Markup.Escape(message)}[/]");
    }
}
