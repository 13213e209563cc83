using System.Globalization;
using System.Text.Json;
using Scion.Artifacts;

namespace Scion.Caching;

/// <summary>
/// Reads <c>manifest.json</c> and saved signatures by hand from a <see cref="JsonDocument"/>. The source-generated
/// serialiser writes them, but its first use costs ~50 ms: more than checking fifty cached tasks, which a fully
/// cached rerun must do before anything else. A missing or mistyped field is a <see cref="JsonException"/>.
/// </summary>
internal static class ManifestReader
{
    public static CacheEntry ReadEntry(string path)
    {
        using var doc = Parse(path);
        return Entry(doc.RootElement);
    }

    public static TaskSignature ReadSignature(string path)
    {
        using var doc = Parse(path);
        return Signature(doc.RootElement);
    }

    /// <summary>Parses and reads a made-up manifest, so that the first real lookup finds this code loaded.</summary>
    public static void WarmUp()
    {
        const string manifest = """
            {"key":"k","signature":{"task":"t","version":1,"parameters":{"p":"1"},"inputs":{},"outputs":["o:File"]},
             "created":"2026-01-01T00:00:00+00:00","durationSeconds":0.5,
             "outputs":[{"name":"o","kind":"File","relativePath":"o","hash":"h","size":1,"files":[{"path":"","size":1}]}],
             "metrics":[{"name":"m","value":"NaN","unit":""}]}
            """;
        using var doc = JsonDocument.Parse(manifest);
        _ = ContentHash.OfText(Entry(doc.RootElement).Signature.CanonicalText());
    }

    private static CacheEntry Entry(JsonElement root) => new(
        Text(root, "key"),
        Signature(Required(root, "signature")),
        DateTimeOffset.Parse(Text(root, "created"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Number(Required(root, "durationSeconds")),
        Array(root, "outputs", Output),
        Array(root, "metrics", m => new MetricRecord(Text(m, "name"), Number(Required(m, "value")), Text(m, "unit"))));

    private static JsonDocument Parse(string path) => JsonDocument.Parse(File.ReadAllBytes(path));

    private static TaskSignature Signature(JsonElement e) => new(
        Text(e, "task"),
        Required(e, "version").GetInt32(),
        Map(Required(e, "parameters")),
        Map(Required(e, "inputs")),
        Array(e, "outputs", o => o.GetString() ?? throw Bad("outputs", "a string")));

    private static OutputRecord Output(JsonElement e) => new(
        Text(e, "name"),
        ArtifactKinds.Parse(Text(e, "kind")) ?? throw Bad("kind", "Table, Tensors, File or Folder"),
        Text(e, "relativePath"),
        Text(e, "hash"),
        Required(e, "size").GetInt64(),
        Array(e, "files", f => new FileRecord(Text(f, "path"), Required(f, "size").GetInt64())));

    private static SortedDictionary<string, string> Map(JsonElement e)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            map[p.Name] = p.Value.GetString() ?? throw Bad(p.Name, "a string");
        }

        return map;
    }

    private static List<T> Array<T>(JsonElement e, string name, Func<JsonElement, T> read) =>
        Required(e, name).EnumerateArray().Select(read).ToList();

    private static JsonElement Required(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : throw Bad(name, "present");

    private static string Text(JsonElement e, string name) =>
        Required(e, name).GetString() ?? throw Bad(name, "a string");

    /// <summary>Numbers, and the named literals ("NaN", "Infinity") that a diverged loss produces.</summary>
    private static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetDouble();

    private static JsonException Bad(string name, string expected) => new($"field '{name}' is not {expected}");
}
