using System.Globalization;
using Scion.Console;
using Scion.Hosting;
using Scion.Json;
using Scion.Running;
using Scriban;
using Scriban.Runtime;

namespace Scion.Reports;

/// <summary>
/// Writes one self-contained HTML page per pipeline of a run to <c>reports/out/PIPELINE/RUN-ID/index.html</c>
/// (CSS inline, charts as inline SVG) and points <c>reports/out/PIPELINE/latest</c> at it.
/// </summary>
public sealed class HtmlReportWriter(string templatesFolder) : IReportWriter
{
    public const string TemplateFile = "run.sbn-html";

    // Loaded once, by whichever comes first: Prepare on the host's warm-up thread or WriteAsync (which then waits for it).
    private readonly Lazy<Template> loaded = new(() => Load(templatesFolder), LazyThreadSafetyMode.ExecutionAndPublication);

    public void Prepare()
    {
        try
        {
            _ = loaded.Value;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Lazy keeps the exception: WriteAsync throws it where the run can report it.
        }
    }

    public async Task<IReadOnlyList<string>> WriteAsync(RunRecord run, IList<MetricHistoryRow> history, string reportsRoot, CancellationToken cancel)
    {
        var template = loaded.Value;

        var written = new List<string>();
        foreach (string pipeline in run.Pipelines)
        {
            string folder = Path.Combine(reportsRoot, pipeline, run.RunId);
            Directory.CreateDirectory(folder);
            string html = Render(template, ReportModel.Build(run, pipeline, history));
            string index = Path.Combine(folder, "index.html");
            await File.WriteAllTextAsync(index, html, cancel);
            ScionJson.WriteAtomic(Path.Combine(folder, "run.json"), stream => RunRecordJson.Write(stream, run), durable: false);
            PointLatest(Path.Combine(reportsRoot, pipeline), run.RunId);
            written.Add(index);
        }

        return written;
    }

    private static string Render(Template template, ReportModel model)
    {
        var script = ReportScript.From(model);
        // No output or loop limits: Scriban's defaults (1 M characters, 1,000 iterations) guard against untrusted templates,
        // but a report is the run's own data, and one inline sample grid or a sweep's metrics can pass them.
        var context = new TemplateContext(new LazyBuiltins()) { StrictVariables = true, LimitToString = 0, LoopLimit = 0 };
        context.PushGlobal(script);
        return template.Render(context);
    }

    private static Template Load(string templatesFolder)
    {
        string templatePath = Path.Combine(templatesFolder, TemplateFile);
        var template = Template.Parse(File.ReadAllText(templatePath), templatePath);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Report template {templatePath} has errors: {string.Join("; ", template.Messages)}");
        }

        // One render of a two-task run while tasks are being checked: the real render then finds the interpreter,
        // the graph layout and the accessors of every row type compiled.
        _ = Render(template, ReportModel.Build(WarmUpRun.Record(), "warmup", []));
        return template;
    }

    /// <summary>Replaces the <c>latest</c> link in one rename, so a reader never finds it missing.</summary>
    private static void PointLatest(string pipelineFolder, string runId)
    {
        string latest = Path.Combine(pipelineFolder, "latest");
        string tmp = latest + "." + Guid.NewGuid().ToString("N");
        File.CreateSymbolicLink(tmp, runId);
        if (Directory.Exists(latest) && new DirectoryInfo(latest).LinkTarget is null)
        {
            Directory.Delete(latest, recursive: true);
        }

        Rename(tmp, latest);
    }

    private static void Rename(string from, string to)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Delete(to);
            File.Move(from, to);
            return;
        }

        if (NativeRename(from, to) != 0)
        {
            throw new IOException($"Cannot point {to} at the new report (rename failed).");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int NativeRename([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string from,
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string to);

    internal static string Number(double value) =>
        Math.Abs(value) >= 1e5 || (Math.Abs(value) < 1e-3 && value != 0)
            ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string Duration(double seconds) => Durations.Natural(TimeSpan.FromSeconds(seconds));
}
