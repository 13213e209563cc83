using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Scion.Json;

/// <summary>JSON for manifests, signatures and run records (indented, camelCase, enums as text; see ScionJsonContext).</summary>
public static class ScionJson
{
    /// <summary>The source-generated contract for <typeparamref name="T"/>; no reflection fallback, because its
    /// first use alone costs more than checking fifty cache entries.</summary>
    public static JsonTypeInfo<T> Info<T>() =>
        ScionJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).Name} is not in ScionJsonContext; add [JsonSerializable(typeof({typeof(T).Name}))].");

    /// <summary>Writes JSON to a temporary file and renames it over the target, so readers never see half a file.
    /// <paramref name="durable"/> also flushes it to disk first (for what must survive a power cut, not just a killed process).</summary>
    public static void WriteAtomic<T>(string path, T value, bool durable = true) =>
        WriteAtomic(path, stream => JsonSerializer.Serialize(stream, value, Info<T>()), durable);

    /// <summary>As above, with the content written by <paramref name="write"/> (for hand-written JSON such as the run record's).</summary>
    public static void WriteAtomic(string path, Action<Stream> write, bool durable = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
        {
            write(stream);
            stream.Flush(flushToDisk: durable);
        }

        File.Move(tmp, path, overwrite: true);
    }

    public static T? Read<T>(string path) => JsonSerializer.Deserialize(File.ReadAllBytes(path), Info<T>());
}
