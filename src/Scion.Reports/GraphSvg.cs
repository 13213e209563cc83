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
        // Plain loops and a class for positions: value-tuple dictionaries and LINQ over ints would be compiled
        // at run time on every fully cached rerun (the framework's precompiled code does not cover them).
        var byName = tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(string name)
        {
            if (!depth.TryGetValue(name, out int d))
            {
                d = 0;
                foreach (string dep in byName[name].DependsOn.Where(byName.ContainsKey))
                {
                    d = Math.Max(d, Depth(dep) + 1);
                }

                depth[name] = d;
            }

            return d;
        }

        int columns = 0;
        foreach (var t in tasks)
        {
            columns = Math.Max(columns, Depth(t.Name) + 1);
        }

        // One column per depth, tasks in their run order within it.
        var position = new Dictionary<string, Box>(StringComparer.Ordinal);
        int width = BoxWidth + 20, height = BoxHeight + 20;
        for (int column = 0; column < columns; column++)
        {
            int row = 0;
            foreach (var t in tasks.Where(t => depth[t.Name] == column))
            {
                var box = new Box(10 + (column * (BoxWidth + ColumnGap)), 10 + (row++ * (BoxHeight + RowGap)));
                position[t.Name] = box;
                width = Math.Max(width, box.X + BoxWidth + 20);
                height = Math.Max(height, box.Y + BoxHeight + 20);
            }
        }

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

    private sealed record Box(int X, int Y);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Clip(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}
