using Scion.Caching;
using Scion.Json;

namespace Scion.Hosting;

/// <summary>
/// Touches the code a cache lookup needs (manifest JSON, hashing) on a background thread while the
/// host builds the graph and resolves parameters, so that the first lookup does not pay for it.
/// </summary>
internal static class Warmup
{
    public static void Start() => _ = Task.Run(() =>
    {
        var signature = new TaskSignature("warmup", 1, new(StringComparer.Ordinal) { ["p"] = "1" }, new(StringComparer.Ordinal), []);
        var entry = new CacheEntry(signature.Key, signature, DateTimeOffset.UtcNow, 0, [], [new MetricRecord("m", 1, "")]);
        string text = System.Text.Json.JsonSerializer.Serialize(entry, ScionJson.Options);
        _ = System.Text.Json.JsonSerializer.Deserialize<CacheEntry>(text, ScionJson.Options);
    });
}
