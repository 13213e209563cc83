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
            table.AddRow(Markup.Escape(r.Task), r.Status.Name(), Durations.Natural(r.Duration), Markup.Escape(Shorten(r.Note)));
        }

        table.AddEmptyRow();
        table.AddRow("Total", Counts(results), Durations.Natural(total), "");
        return table;
    }

    /// <summary>The same table as plain text, for output that is not a terminal (and costs no rendering engine).</summary>
    public static string Plain(IReadOnlyList<TaskResult> results, TimeSpan total)
    {
        var rows = new List<string[]> { new[] { "Task", "Status", "Duration", "Note" } };
        rows.AddRange(results.Select(r => new[] { r.Task, r.Status.Name(), Durations.Natural(r.Duration), Shorten(r.Note) }));
        rows.Add(["Total", Counts(results), Durations.Natural(total), ""]);
        var widths = Enumerable.Range(0, 3).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new System.Text.StringBuilder();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            if (i == 1 || i == rows.Count - 1)
            {
                text.AppendLine(new string('-', widths.Sum() + 9 + Math.Min(40, rows.Max(r => r[3].Length))));
            }

            text.Append(row[0].PadRight(widths[0])).Append("   ").Append(row[1].PadRight(widths[1])).Append("   ")
                .Append(row[2].PadLeft(widths[2])).Append("   ").AppendLine(row[3]);
        }

        return text.ToString();
    }

    public static string Counts(IReadOnlyList<TaskResult> results) =>
        string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name().ToLowerInvariant()}"));

    private static string Shorten(string note) => note.Length > 120 ? note[..117] + "..." : note;
}
