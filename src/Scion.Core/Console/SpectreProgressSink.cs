using Scion.Execution;
using Spectre.Console;

namespace Scion.Console;

/// <summary>Progress bars on a terminal, through a Spectre.Console live progress display that the host keeps open during the run.</summary>
public sealed class SpectreProgressSink : IProgressSink
{
    private ProgressContext? live;

    /// <summary>Runs <paramref name="body"/> inside a live progress display.</summary>
    public async Task<T> RunAsync<T>(IAnsiConsole console, Func<Task<T>> body)
    {
        T result = default!;
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                live = ctx;
                result = await body();
                live = null;
            });
        return result;
    }

    public ProgressHandle Start(string task, string label, long total) => new Handle(task, label, total, live);

    private sealed class Handle : ProgressHandle
    {
        private readonly ProgressTask? bar;

        public Handle(string task, string label, long total, ProgressContext? live) : base(task, label, total)
        {
            bar = live?.AddTask(Markup.Escape($"{task}: {label}"), maxValue: Total);
        }

        protected override void Changed()
        {
            if (bar is null)
            {
                return;
            }

            bar.Value = Math.Min(Done, Total);
            if (Status.Length > 0)
            {
                bar.Description = Markup.Escape($"{Task}: {Label} {Status}");
            }
        }

        protected override void Completed()
        {
            if (bar is not null)
            {
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }
        }
    }
}
