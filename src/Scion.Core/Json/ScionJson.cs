using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scion.Json;

/// <summary>One set of JSON options for manifests, signatures and run records: indented, enums as text.</summary>
public static class ScionJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            ScionJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Writes JSON to a temporary file and renames it over the target, so readers never see half a file.
    /// <paramref name="durable"/> also flushes it to disk first (for what must survive a power cut, not just a killed process).</summary>
    public static void WriteAtomic<T>(string path, T value, bool durable = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, value, Options);
            stream.Flush(flushToDisk: durable);
        }

        File.Move(tmp, path, overwrite: true);
    }

    public static T? Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
}
