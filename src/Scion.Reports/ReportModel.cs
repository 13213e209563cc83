using Scion.Console;
using Scion.Running;

namespace Scion.Reports;

/// <summary>What the report template sees, already formatted (the template only lays it out).</summary>
public sealed record ReportModel(
    string Pipeline,
    string RunId,
    string Started,
    string Duration,
    string Targets,
    string CommandLine,
    string Device,
    string Profile,
    bool Succeeded,
    string Counts,
    string GraphSvg,
    IReadOnlyList<ReportModel.TaskRow> Tasks,
    IReadOnlyList<ReportModel.ParameterRow> Parameters,
    IReadOnlyList<ReportModel.MetricRow> Metrics,
    IReadOnlyList<ReportModel.Chart> Charts,
    IReadOnlyList<ReportModel.Chart> Figures)
{
    public sealed record TaskRow(string Name, string Status, string Duration, string Note, string Outputs, string Key, string Reasons);

    public sealed record ParameterRow(string Key, string Value, string Source, string Description);

    public sealed record MetricRow(string Task, string Name, string Value, string Unit);

    public sealed record Chart(string Title, string Svg);

    public static ReportModel Build(RunRecord run, string pipeline, IList<MetricHistoryRow> history)
    {
        var tasks = run.Tasks.Where(t => t.Pipeline == pipeline).ToList();
        var prefixes = tasks.Select(t => t.Name).ToHashSet();
        var taskRows = tasks.Select(t => new TaskRow(
            t.Name, t.Status, HtmlReportWriter.Duration(t.DurationSeconds), t.Note,
            string.Join(", ", t.Outputs.Select(o => $"{o.Name} ({Durations.Size(o.Size)})")),
            t.Key is null ? "" : t.Key[..12], string.Join("; ", t.Reasons))).ToList();
        var metricRows = tasks.SelectMany(t => t.Metrics.Select(m => new MetricRow(t.Name, m.Name, HtmlReportWriter.Number(m.Value), m.Unit))).ToList();

        // History: one point per run (the latest value of that run), oldest first. Grouped by string keys, not a
        // tuple, so that a cached rerun does not compile tuple-keyed LINQ at run time.
        var charts = new List<Chart>();
        var series = history.Where(h => h.Pipeline == pipeline && prefixes.Contains(h.Task)).GroupBy(h => h.Task, StringComparer.Ordinal);
        foreach (var task in series.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var metric in task.GroupBy(h => h.Metric, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var points = metric.GroupBy(h => h.RunId).Select(r => r.Last()).OrderBy(h => h.Timestamp).ToList();
                if (points.Count >= 2)
                {
                    charts.Add(new Chart($"{task.Key} · {metric.Key}", HistoryChart.Svg($"{task.Key}: {metric.Key}", points)));
                }
            }
        }

        return new ReportModel(
            pipeline, run.RunId, run.Started.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            HtmlReportWriter.Duration(run.DurationSeconds), string.Join(", ", run.Targets), run.CommandLine, run.Device, run.Profile ?? "(none)",
            run.Succeeded, string.Join(", ", tasks.GroupBy(t => t.Status).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}")),
            Reports.GraphSvg.Render(tasks), taskRows,
            run.Parameters.Select(p => new ParameterRow(p.Key, p.Value, p.Source, p.Description)).ToList(),
            metricRows, charts, Figure.FromOutputs(tasks));
    }
}
