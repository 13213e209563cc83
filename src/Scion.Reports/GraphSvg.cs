using System.Globalization;
using System.Net;
using System.Text;
using Scion.Running;

namespace Scion.Reports;

/// <summary>The task graph of a run as an inline SVG: one column per depth, each box coloured by status with its duration.</summary>
public static class GraphSvg
{
    private const int BoxWidth = 170;
    private const int BoxHeight = 40;
    private const int ColumnGap = 60;
    private const int RowGap = 16;

    public static string Render(IReadOnlyList<TaskRecord> tasks)
    {
        var byName = tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(string name) => depth.TryGetValue(name, out int d) ? d
            : depth[name] = byName[name].DependsOn.Where(byName.ContainsKey).Select(Depth).DefaultIfEmpty(-1).Max() + 1;
        foreach (var t in tasks)
        {
            Depth(t.Name);
        }

        var columns = tasks.GroupBy(t => depth[t.Name]).OrderBy(g => g.Key).ToList();
        var position = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            int row = 0;
            foreach (var t in column)
            {
                position[t.Name] = (10 + column.Key * (BoxWidth + ColumnGap), 10 + row++ * (BoxHeight + RowGap));
            }
        }

        int width = position.Values.Select(p => p.X).DefaultIfEmpty(0).Max() + BoxWidth + 20;
        int height = position.Values.Select(p => p.Y).DefaultIfEmpty(0).Max() + BoxHeight + 20;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        foreach (var t in tasks)
        {
            var (x2, y2) = position[t.Name];
            foreach (string dep in t.DependsOn.Where(position.ContainsKey))
            {
                var (x1, y1) = position[dep];
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1 + BoxWidth}\" y1=\"{y1 + (BoxHeight / 2)}\" x2=\"{x2}\" y2=\"{y2 + (BoxHeight / 2)}\" stroke=\"#999\"/>");
            }
        }

        foreach (var t in tasks)
        {
            var (x, y) = position[t.Name];
            string fill = t.Status switch { "Executed" => "#c8e6c9", "Cached" => "#e0e0e0", "Skipped" => "#fff3c4", "Failed" => "#ffcdd2", _ => "#e3f2fd" };
            string duration = Console.Durations.Natural(TimeSpan.FromSeconds(t.DurationSeconds));
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{Escape(t.Name)}: {t.Status} {duration} {Escape(t.Note)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"5\" fill=\"{fill}\" stroke=\"#666\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6}\" y=\"{y + 16}\" font-weight=\"bold\">{Escape(Clip(t.Name, 26))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6}\" y=\"{y + 32}\">{t.Status} · {duration}</text></g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Clip(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}
