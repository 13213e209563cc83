using Scion.Hosting;
using Scion.TestHost;
using Spectre.Console;

namespace Scion.Reports.Tests;

public sealed class HtmlReportTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "scion-report-tests", Guid.NewGuid().ToString("N"));

    public HtmlReportTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "pipelines", "Test"));
        File.WriteAllText(Path.Combine(root, "pipelines", "Test", "params.toml"), TestPipeline.DefaultParameters);
    }

    [Fact]
    public async Task Every_run_writes_a_self_contained_report_with_graph_metrics_parameters_and_history()
    {
        string reports = Path.Combine(root, "reports", "out");
        await Run("--target=All");
        await Run("--target=All", "--param=demo.scale=3");
        string latest = Path.Combine(reports, "Test", "latest");
        Assert.True(Directory.Exists(latest));
        string html = File.ReadAllText(Path.Combine(latest, "index.html"));
        Assert.Contains("<svg", html); // task graph and history chart, inline
        Assert.Contains("Summarize", html);
        Assert.Contains(">sum<", html);
        Assert.Contains("demo.scale", html);
        Assert.Contains("Summarize: sum", html); // the history chart of the metric across the two runs
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script src", html);
        Assert.True(File.Exists(Path.Combine(latest, "run.json")));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(reports, "Test")).Count(d => new DirectoryInfo(d).LinkTarget is null));
        Assert.True(File.Exists(Path.Combine(root, ".scion", "cache", "history", "metrics.parquet")));
    }

    [Fact]
    public async Task Figure_and_table_outputs_of_tasks_are_inlined()
    {
        string entry = Path.Combine(root, "entry");
        Directory.CreateDirectory(Path.Combine(entry, "outputs"));
        File.WriteAllText(Path.Combine(entry, "outputs", "table.html"), "<table id=\"graft-table\"><tr><td>FD</td></tr></table>");
        File.WriteAllText(Path.Combine(entry, "outputs", "curve.svg"), "<svg id=\"curve\"></svg>");
        var outputs = new[] { "table.html", "curve.svg" }.Select(f => new Scion.Caching.OutputRecord(f, Scion.Artifacts.ArtifactKind.File, f, "h", 1, [])).ToList();
        var task = new Scion.Running.TaskRecord("Evaluate", "Test", "", [], "Executed", 1, "", new string('a', 32), new Dictionary<string, string>(), outputs, [], [], entry);
        var run = new Scion.Running.RunRecord("run-1", ["Evaluate"], ["Test"], DateTimeOffset.UnixEpoch, 1, "", "cpu", null, true, [], [task]);
        var writer = new HtmlReportWriter(Path.Combine(RepositoryRoot(), "reports", "templates"));
        await writer.WriteAsync(run, [], Path.Combine(root, "reports", "out"), CancellationToken.None);
        string html = File.ReadAllText(Path.Combine(root, "reports", "out", "Test", "run-1", "index.html"));
        Assert.Contains("<table id=\"graft-table\">", html);
        Assert.Contains("<svg id=\"curve\">", html);
    }

    [Fact]
    public async Task A_report_over_a_megabyte_with_over_a_thousand_rows_is_written_whole()
    {
        // Scriban's defaults cut output at 1 M characters and loops at 1,000 iterations; a report is made of the
        // run's own data, so neither limit applies (a sample grid PNG alone can pass the first).
        string entry = Path.Combine(root, "entry");
        Directory.CreateDirectory(Path.Combine(entry, "outputs"));
        File.WriteAllText(Path.Combine(entry, "outputs", "big.svg"), "<svg id=\"big\">" + new string('x', 1_500_000) + "</svg>");
        var outputs = new[] { new Scion.Caching.OutputRecord("big.svg", Scion.Artifacts.ArtifactKind.File, "big.svg", "h", 1, []) };
        var metrics = Enumerable.Range(0, 1200).Select(i => new Scion.Caching.MetricRecord($"m{i:0000}", i, "")).ToList();
        var task = new Scion.Running.TaskRecord("Evaluate", "Test", "", [], "Executed", 1, "", new string('a', 32), new Dictionary<string, string>(), outputs, metrics, [], entry);
        var run = new Scion.Running.RunRecord("run-1", ["Evaluate"], ["Test"], DateTimeOffset.UnixEpoch, 1, "", "cpu", null, true,
            [new Scion.Running.ParameterRecord("p.last", "1", "default", "")], [task]);
        var writer = new HtmlReportWriter(Path.Combine(RepositoryRoot(), "reports", "templates"));
        await writer.WriteAsync(run, [], Path.Combine(root, "reports", "out"), CancellationToken.None);
        string html = File.ReadAllText(Path.Combine(root, "reports", "out", "Test", "run-1", "index.html"));
        Assert.Contains(new string('x', 1_500_000) + "</svg>", html);
        Assert.Contains(">m1199<", html);
        Assert.Contains("p.last", html);
        Assert.EndsWith("</html>", html.TrimEnd());
    }

    [Fact]
    public void The_graph_svg_colours_each_task_by_status()
    {
        var tasks = new[]
        {
            new Scion.Running.TaskRecord("a", "P", "", [], "Cached", 0, "", null, new Dictionary<string, string>(), [], [], [], null),
            new Scion.Running.TaskRecord("b", "P", "", ["a"], "Failed", 1.5, "boom", null, new Dictionary<string, string>(), [], [], [], null),
        };
        string svg = GraphSvg.Render(tasks);
        Assert.Contains("#e0e0e0", svg);
        Assert.Contains("#ffcdd2", svg);
        Assert.Contains("<line", svg);
        Assert.Contains("Failed · 1.5 s", svg);
    }

    [Fact]
    public void The_graph_svg_puts_each_task_one_column_right_of_its_deepest_dependency()
    {
        Scion.Running.TaskRecord Task(string name, params string[] dependsOn) =>
            new(name, "P", "", dependsOn, "Cached", 0, "", null, new Dictionary<string, string>(), [], [], [], null);

        // A diamond with a shortcut: d depends on a directly and through b, so it sits in column 2.
        string svg = GraphSvg.Render([Task("d", "a", "b", "c"), Task("a"), Task("b", "a"), Task("c", "a")]);
        Assert.Contains("<rect x=\"10\" y=\"10\"", svg); // a
        Assert.Contains("<rect x=\"240\" y=\"10\"", svg); // b, column 1 row 0
        Assert.Contains("<rect x=\"240\" y=\"66\"", svg); // c, column 1 row 1
        Assert.Contains("<rect x=\"470\" y=\"10\"", svg); // d
        Assert.Contains("width=\"660\" height=\"126\"", svg);
    }

    private async Task Run(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        var host = new ScionHost(root) { Console = console }
            .AddPipeline(new TestPipeline())
            .UseReports(new HtmlReportWriter(Path.Combine(RepositoryRoot(), "reports", "templates")));
        Assert.Equal(0, await host.RunAsync(args));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "reports", "templates")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
