using System.Text;

namespace Scion.Caching;

/// <summary>
/// Everything the cache key of a task is made of. The key is a hash of its canonical text; the
/// signature itself is kept (the latest per task name) so that <c>--explain</c> can say what changed.
/// </summary>
public sealed record TaskSignature(
    string Task,
    int Version,
    SortedDictionary<string, string> Parameters,
    SortedDictionary<string, string> Inputs,
    IReadOnlyList<string> Outputs)
{
    /// <summary>Bumped whenever the key's recipe changes, so old entries are never misread.</summary>
    public const string Format = "scion-cache-v1";

    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => ContentHash.OfText(CanonicalText());

    public string CanonicalText()
    {
        var text = new StringBuilder();
        text.Append(Format).Append('\n');
        text.Append("task=").Append(Task).Append('\n');
        text.Append("version=").Append(Version).Append('\n');
        foreach (var (key, value) in Parameters)
        {
            text.Append("param:").Append(key).Append('=').Append(value).Append('\n');
        }

        foreach (var (key, value) in Inputs)
        {
            text.Append("input:").Append(key).Append('=').Append(value).Append('\n');
        }

        foreach (string output in Outputs)
        {
            text.Append("output:").Append(output).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Why a task with this signature cannot reuse the <paramref name="previous"/> one, in words.</summary>
    public IReadOnlyList<string> DifferencesFrom(TaskSignature? previous)
    {
        if (previous is null)
        {
            return ["new (never run with this cache)"];
        }

        var reasons = new List<string>();
        if (previous.Version != Version)
        {
            reasons.Add($"version bumped from {previous.Version} to {Version}");
        }

        foreach (var (key, value) in Parameters)
        {
            if (!previous.Parameters.TryGetValue(key, out string? old))
            {
                reasons.Add($"parameter {key} is new (= {value})");
            }
            else if (old != value)
            {
                reasons.Add($"parameter {key} changed from {old} to {value}");
            }
        }

        reasons.AddRange(previous.Parameters.Keys.Where(k => !Parameters.ContainsKey(k)).Select(k => $"parameter {k} is no longer read"));
        foreach (var (key, value) in Inputs)
        {
            if (!previous.Inputs.TryGetValue(key, out string? old))
            {
                reasons.Add($"input {key} is new");
            }
            else if (old != value)
            {
                reasons.Add($"input {key} changed ({Short(old)} -> {Short(value)})");
            }
        }

        reasons.AddRange(previous.Inputs.Keys.Where(k => !Inputs.ContainsKey(k)).Select(k => $"input {k} is no longer read"));
        if (!previous.Outputs.SequenceEqual(Outputs))
        {
            reasons.Add("declared outputs changed");
        }

        if (reasons.Count == 0)
        {
            reasons.Add("no cache entry for this key (evicted, corrupt, or never published)");
        }

        return reasons;
    }

    private static string Short(string hash) => hash.Length > 10 ? hash[..10] : hash;
}
