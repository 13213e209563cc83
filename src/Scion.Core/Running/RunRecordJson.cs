using System.Text.Json;
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
        w.WriteStartArray("parameters");
        foreach (var p in run.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("key", p.Key);
            w.WriteString("value", p.Value);
            w.WriteString("source", p.Source);
            w.WriteString("description", p.Description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("tasks");
        foreach (var task in run.Tasks)
        {
            Task(w, task);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Task(Utf8JsonWriter w, TaskRecord task)
    {
        w.WriteStartObject();
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
        w.WriteStartArray("outputs");
        foreach (var output in task.Outputs)
        {
            Output(w, output);
        }

        w.WriteEndArray();
        w.WriteStartArray("metrics");
        foreach (var metric in task.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("name", metric.Name);
            Number(w, "value", metric.Value);
            w.WriteString("unit", metric.Unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Strings(w, "reasons", task.Reasons);
        w.WriteString("entryFolder", task.EntryFolder);
        w.WriteEndObject();
    }

    private static void Output(Utf8JsonWriter w, OutputRecord output)
    {
        w.WriteStartObject();
        w.WriteString("name", output.Name);
        w.WriteString("kind", output.Kind.ToString());
        w.WriteString("relativePath", output.RelativePath);
        w.WriteString("hash", output.Hash);
        w.WriteNumber("size", output.Size);
        w.WriteStartArray("files");
        foreach (var file in output.Files)
        {
            w.WriteStartObject();
            w.WriteString("path", file.Path);
            w.WriteNumber("size", file.Size);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
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
