using Scion.Execution;
using Spectre.Console;

namespace Scion.Console;

/// <summary>The table printed at the end of a run: task, status, duration, note.</summary>
public static class SummaryTable
{
    public static Table Build(IReadOnlyList<TaskResult> results, TimeSpan total)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Task").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Note");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Task), r.Status.ToString(), Durations.Natural(r.Duration), Markup.Escape(Shorten(r.Note)));
        }

        table.AddEmptyRow();
        table.AddRow("Total", Counts(results), Durations.Natural(total), "");
        return table;
    }

    public static string Counts(IReadOnlyList<TaskResult> results) =>
        string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

    private static string Shorten(string note) => note.Length > 120 ? note[..117] + "..." : note;
}
