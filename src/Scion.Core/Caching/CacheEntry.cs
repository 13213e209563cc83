namespace Scion.Caching;

/// <summary>The manifest of a published entry (<c>manifest.json</c>): written last, inside the staging
/// folder, before the folder is renamed into place.</summary>
public sealed record CacheEntry(
    string Key,
    TaskSignature Signature,
    DateTimeOffset Created,
    double DurationSeconds,
    IReadOnlyList<OutputRecord> Outputs,
    IReadOnlyList<MetricRecord> Metrics)
{
    /// <summary>The folder the entry lives in (not serialised).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Folder { get; init; } = "";

    public string PathOf(string outputName) =>
        Path.Combine(Folder, CacheStore.OutputsFolder, Outputs.First(o => o.Name == outputName).RelativePath);
}
