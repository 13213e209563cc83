using Scion.Running;

namespace Scion.Reports;

/// <summary>
/// Image outputs of a run's tasks (<c>.png</c> and <c>.svg</c> files: sample grids, loss curves) and HTML fragments
/// (<c>.html</c>: tables a task renders itself) inlined into the report, read from the cache entry that holds them,
/// so a task shows a figure just by declaring it as an output.
/// </summary>
internal static class Figure
{
    /// <summary>Larger images are linked by path instead of inlined, to keep the page light.</summary>
    private const long MaxInlineBytes = 4 << 20;

    public static List<ReportModel.Chart> FromOutputs(IEnumerable<TaskRecord> tasks)
    {
        var figures = new List<ReportModel.Chart>();
        foreach (var task in tasks.Where(t => t.EntryFolder is not null && t.Status is "Executed" or "Cached"))
        {
            foreach (var output in task.Outputs)
            {
                string path = Path.Combine(task.EntryFolder!, "outputs", output.RelativePath);
                string extension = Path.GetExtension(path).ToLowerInvariant();
                if (extension is not (".png" or ".svg" or ".html") || !File.Exists(path))
                {
                    continue;
                }

                string title = $"{task.Name} · {output.Name}";
                string html = new FileInfo(path).Length > MaxInlineBytes
                    ? $"<a href=\"file://{System.Net.WebUtility.HtmlEncode(path)}\">{System.Net.WebUtility.HtmlEncode(output.Name)}</a>"
                    : extension is ".svg" or ".html"
                        ? File.ReadAllText(path)
                        : $"<img alt=\"{System.Net.WebUtility.HtmlEncode(title)}\" style=\"image-rendering: pixelated; width: 100%; max-width: 640px\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\">";
                figures.Add(new ReportModel.Chart(title, html));
            }
        }

        return figures;
    }
}
