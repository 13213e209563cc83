using Scriban.Runtime;

namespace Scion.Reports;

/// <summary>
/// The report model as Scriban objects built by hand, under the names Scriban's import gives them (snake_case).
/// Imported as typed records, every row property is read through reflection, and from the second row on .NET
/// compiles an invoke stub per property: eleven stubs, ~7 ms of the report of a fully cached rerun.
/// </summary>
public static class ReportScript
{
    public static ScriptObject From(ReportModel m)
    {
        var script = Object(
            ("pipeline", m.Pipeline), ("run_id", m.RunId), ("started", m.Started), ("duration", m.Duration), ("targets", m.Targets),
            ("command_line", m.CommandLine), ("device", m.Device), ("profile", m.Profile), ("succeeded", m.Succeeded),
            ("counts", m.Counts), ("graph_svg", m.GraphSvg));
        script.SetValue("tasks", Rows(m.Tasks, t => Object(
            ("name", t.Name), ("status", t.Status), ("duration", t.Duration), ("note", t.Note), ("outputs", t.Outputs), ("key", t.Key), ("reasons", t.Reasons))), true);
        script.SetValue("parameters", Rows(m.Parameters, p => Object(("key", p.Key), ("value", p.Value), ("source", p.Source), ("description", p.Description))), true);
        script.SetValue("metrics", Rows(m.Metrics, r => Object(("task", r.Task), ("name", r.Name), ("value", r.Value), ("unit", r.Unit))), true);
        script.SetValue("charts", Rows(m.Charts, Chart), true);
        script.SetValue("figures", Rows(m.Figures, Chart), true);
        return script;
    }

    private static ScriptObject Chart(ReportModel.Chart c) => Object(("title", c.Title), ("svg", c.Svg));

    private static ScriptArray Rows<T>(IEnumerable<T> rows, Func<T, ScriptObject> row)
    {
        var array = new ScriptArray();
        foreach (var r in rows)
        {
            array.Add(row(r));
        }

        return array;
    }

    private static ScriptObject Object(params (string Name, object Value)[] members)
    {
        var o = new ScriptObject(members.Length);
        foreach (var (name, value) in members)
        {
            o.SetValue(name, value, readOnly: true);
        }

        return o;
    }
}
