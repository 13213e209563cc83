using Scion.Running;
using Scriban;
using Scriban.Runtime;

namespace Scion.Reports.Tests;

public sealed class ReportScriptTests
{
    private static readonly ReportModel Model = new(
        "P", "run-1", "2026-01-01", "1 s", "B", "--target=B", "cpu", "(none)", true, "2 cached", "<svg/>",
        [new("a", "Cached", "1 ms", "cache hit", "o (1 B)", "0123456789ab", ""), new("b", "Failed", "2 ms", "boom", "", "", "input x changed")],
        [new("p.x", "1", "default", "a parameter")],
        [new("a", "loss", "0.5", "nats")],
        [new("a · loss", "<svg id=\"chart\"/>")],
        [new("curve.svg", "<svg id=\"figure\"/>")]);

    [Fact]
    public void Names_every_member_as_Scriban_import_does()
    {
        var imported = new ScriptObject();
        imported.Import(Model);
        var built = ReportScript.From(Model);
        Assert.Equal(imported.Keys.Order(StringComparer.Ordinal), built.Keys.Order(StringComparer.Ordinal));

        foreach (var (list, row) in new (string, object)[] { ("tasks", Model.Tasks[0]), ("parameters", Model.Parameters[0]), ("metrics", Model.Metrics[0]), ("charts", Model.Charts[0]) })
        {
            var importedRow = new ScriptObject();
            importedRow.Import(row);
            var builtRow = (ScriptObject)((ScriptArray)built[list]!)[0]!;
            Assert.Equal(importedRow.Keys.Order(StringComparer.Ordinal), builtRow.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Renders_the_report_template_as_the_imported_model_does()
    {
        var template = Template.Parse(File.ReadAllText(Path.Combine(HtmlReportTests.RepositoryRoot(), "reports", "templates", HtmlReportWriter.TemplateFile)));
        var imported = new ScriptObject();
        imported.Import(Model);
        string expected = Render(template, imported);
        string actual = Render(template, ReportScript.From(Model));
        Assert.Equal(expected, actual);
        Assert.Contains("input x changed", actual);
        Assert.Contains("<svg id=\"figure\"/>", actual);
    }

    private static string Render(Template template, ScriptObject model)
    {
        var context = new TemplateContext(new LazyBuiltins()) { StrictVariables = true };
        context.PushGlobal(model);
        return template.Render(context);
    }
}
