using Scion.Running;
using ScottPlot;

namespace Scion.Reports;

/// <summary>A metric across runs as an inline SVG line chart (ScottPlot).</summary>
public static class HistoryChart
{
    public static string Svg(string title, IReadOnlyList<MetricHistoryRow> points, int width = 420, int height = 220)
    {
        var plot = new Plot();
        double[] xs = Enumerable.Range(1, points.Count).Select(i => (double)i).ToArray();
        double[] ys = points.Select(p => p.Value).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.MarkerSize = 5;
        plot.Title(title, size: 13);
        plot.XLabel("run");
        string unit = points.Count > 0 ? points[^1].Unit : "";
        if (unit.Length > 0)
        {
            plot.YLabel(unit);
        }

        return StripXmlDeclaration(plot.GetSvgXml(width, height));
    }

    /// <summary>A line chart of one series (e.g. a loss curve) as inline SVG.</summary>
    public static string Series(string title, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string xLabel, string yLabel, int width = 520, int height = 260)
    {
        var plot = new Plot();
        plot.Add.Scatter(xs.ToArray(), ys.ToArray()).MarkerSize = 0;
        plot.Title(title, size: 13);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return StripXmlDeclaration(plot.GetSvgXml(width, height));
    }

    /// <summary>A line chart of several named series (e.g. one distillation curve per layer) as inline SVG.</summary>
    public static string Lines(string title, IReadOnlyList<(string Name, IReadOnlyList<double> Xs, IReadOnlyList<double> Ys)> series,
        string xLabel, string yLabel, bool logY = false, int width = 520, int height = 280)
    {
        var plot = new Plot();
        foreach (var (name, xs, ys) in series)
        {
            var line = plot.Add.Scatter(xs.ToArray(), ys.Select(y => logY ? Math.Log10(y) : y).ToArray());
            line.MarkerSize = 3;
            line.LegendText = name;
        }

        plot.ShowLegend();
        plot.Title(title, size: 13);
        plot.XLabel(xLabel);
        plot.YLabel(logY ? $"log10 {yLabel}" : yLabel);
        return StripXmlDeclaration(plot.GetSvgXml(width, height));
    }

    private static string StripXmlDeclaration(string svg) => svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..] : svg;
}
