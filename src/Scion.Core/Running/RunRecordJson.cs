using System.Text.Json;
using Scion.Artifacts;
using Scion.Caching;

namespace Scion.Running;

/// <summary>
/// Writes a run record as the same JSON that the source-generated serialiser writes (camelCase, indented, enums as
/// text, NaN as a string), with <see cref="Utf8JsonWriter"/> directly. Every run ends by writing its record, and the
/// serialiser's first use costs a fully cached rerun 20–40 ms of start-up; this costs under a millisecond.
/// Reading stays with the serialiser (<c>ScionJson.Read&lt;RunRecord&gt;</c>).
/// </summary>
public static class RunRecordJson
{
    public static void Write(Stream stream, RunRecord run)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("runId", run.RunId);
        Strings(w, "targets", run.Targets);
        Strings(w, "pipelines", run.Pipelines);
        w.WriteString("started", run.Started);
        Number(w, "durationSeconds", run.DurationSeconds);
        w.WriteString("commandLine", run.CommandLine);
        w.WriteString("device", run.Device);
        w.WriteString("profile", run.Profile);
        w.WriteBoolean("succeeded", run.Succeeded);
        Objects(w, "parameters", run.Parameters, (w, p) =>
        {
            w.WriteString("key", p.Key);
            w.WriteString("value", p.Value);
            w.WriteString("source", p.Source);
            w.WriteString("description", p.Description);
        });
        Objects(w, "tasks", run.Tasks, Task);
        w.WriteEndObject();
    }

    private static void Task(Utf8JsonWriter w, TaskRecord task)
    {
        w.WriteString("name", task.Name);
        w.WriteString("pipeline", task.Pipeline);
        w.WriteString("description", task.Description);
        Strings(w, "dependsOn", task.DependsOn);
        w.WriteString("status", task.Status);
        Number(w, "durationSeconds", task.DurationSeconds);
        w.WriteString("note", task.Note);
        w.WriteString("key", task.Key);
        w.WriteStartObject("inputs");
        foreach (var (name, hash) in task.Inputs)
        {
            w.WriteString(name, hash);
        }

        w.WriteEndObject();
        Objects(w, "outputs", task.Outputs, Output);
        Objects(w, "metrics", task.Metrics, (w, metric) =>
        {
            w.WriteString("name", metric.Name);
            Number(w, "value", metric.Value);
            w.WriteString("unit", metric.Unit);
        });
        Strings(w, "reasons", task.Reasons);
        w.WriteString("entryFolder", task.EntryFolder);
    }

    private static void Output(Utf8JsonWriter w, OutputRecord output)
    {
        w.WriteString("name", output.Name);
        w.WriteString("kind", output.Kind.Name());
        w.WriteString("relativePath", output.RelativePath);
        w.WriteString("hash", output.Hash);
        w.WriteNumber("size", output.Size);
        Objects(w, "files", output.Files, (w, file) =>
        {
            w.WriteString("path", file.Path);
            w.WriteNumber("size", file.Size);
        });
    }

    /// <summary>An array of objects, each written by <paramref name="properties"/> between its braces.</summary>
    private static void Objects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> properties)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            properties(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>Finite numbers as numbers; NaN and infinities as "NaN", "Infinity", "-Infinity" (AllowNamedFloatingPointLiterals).</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
