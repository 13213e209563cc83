using System.Globalization;
using System.Net;
using System.Text;
using Scion.Pipelines.GraftDiT.Tasks;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>The grafting results as one HTML table laid out like the paper's (quality, then cost), with a verdict.</summary>
public static class ComparisonTable
{
    public static string Html(string title, IReadOnlyList<GraftResultRow> rows, string verdict)
    {
        var teacher = rows.FirstOrDefault(r => r.Model == "teacher");
        var html = new StringBuilder();
        html.Append($"<h3>{Encode(title)}</h3>");
        html.Append("<table class=\"metrics\"><thead><tr><th>Model</th><th>Operator</th><th>Layers</th><th>FD ↓</th><th>Precision ↑</th><th>Recall ↑</th>")
            .Append("<th>Density</th><th>Coverage ↑</th><th>Accuracy ↑</th><th>Params</th><th>Attn GFLOPs (Δ)</th><th>Total GFLOPs (Δ)</th>")
            .Append("<th>Latency b2 (ms)</th><th>Latency 1024 tok (ms)</th><th>Graft compute</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            html.Append("<tr>")
                .Append(Cell(r.Model)).Append(Cell(r.Operator)).Append(Cell(r.Layers))
                .Append(Cell(Number(r.Fd, "0.00") + (teacher is null || r == teacher ? "" : $" ({Number(r.Fd / teacher.Fd, "0.00")}×)")))
                .Append(Cell(Number(r.Precision, "0.000"))).Append(Cell(Number(r.Recall, "0.000")))
                .Append(Cell(Number(r.Density, "0.000"))).Append(Cell(Number(r.Coverage, "0.000")))
                .Append(Cell(double.IsNaN(r.Accuracy) ? "n/a" : Number(100 * r.Accuracy, "0.0") + "%"))
                .Append(Cell(r.Parameters.ToString("N0", CultureInfo.InvariantCulture)))
                .Append(Cell(Number(r.AttentionGflops, "0.000") + Change(r.AttentionGflops, teacher?.AttentionGflops)))
                .Append(Cell(Number(r.TotalGflops, "0.000") + Change(r.TotalGflops, teacher?.TotalGflops)))
                .Append(Cell(Number(r.LatencyMs, "0.0"))).Append(Cell(Number(r.LatencyLongMs, "0.0")))
                .Append(Cell(r.Model == "teacher" ? "—" : double.IsNaN(r.ComputeFraction) ? "n/a" : Number(100 * r.ComputeFraction, "0.0") + "% of pretraining"))
                .Append("</tr>");
        }

        html.Append("</tbody></table>");
        html.Append($"<p><strong>Verdict.</strong> {Encode(verdict)}</p>");
        return html.ToString();
    }

    private static string Change(double value, double? reference) =>
        reference is { } r && r > 0 && Math.Abs(value - r) > 1e-12 ? $" ({Number(100 * (value - r) / r, "+0.0;-0.0")}%)" : "";

    private static string Number(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Cell(string text) => $"<td>{Encode(text)}</td>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
