namespace Scion.Caching;

/// <summary>The answer of a cache lookup: an entry, nothing, or a corrupt entry (removed, with what was wrong).</summary>
public sealed record CacheLookup(CacheEntry? Entry, string? Problem)
{
    public static readonly CacheLookup Miss = new(null, null);

    public bool Hit => Entry is not null;
}
