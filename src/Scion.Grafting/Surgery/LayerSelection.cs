namespace Scion.Grafting.Surgery;

/// <summary>
/// Which blocks get the new operator: <c>interleaved-50</c> (odd blocks 1, 3, …), <c>interleaved-75</c> (blocks
/// whose index is not a multiple of 4), <c>all</c>, or an explicit comma-separated list such as <c>1,4,7</c>.
/// </summary>
public static class LayerSelection
{
    public static readonly string[] Rules = ["interleaved-50", "interleaved-75", "all"];

    public static IReadOnlyList<int> Resolve(string rule, int depth)
    {
        var text = rule.Trim().ToLowerInvariant();
        var layers = text switch
        {
            "interleaved-50" => Enumerable.Range(0, depth).Where(i => i % 2 == 1).ToArray(),
            "interleaved-75" => Enumerable.Range(0, depth).Where(i => i % 4 != 0).ToArray(),
            "all" => Enumerable.Range(0, depth).ToArray(),
            _ => Explicit(text, depth),
        };
        if (layers.Length == 0)
        {
            throw new ArgumentException($"Layer selection '{rule}' picks no block of a depth-{depth} DiT.");
        }

        return layers;
    }

    /// <summary>Whether <paramref name="rule"/> is a known rule or a well-formed list (does not check the depth).</summary>
    public static bool IsValid(string rule) =>
        Rules.Contains(rule.Trim().ToLowerInvariant())
        || rule.Split(',').All(part => int.TryParse(part.Trim(), out int i) && i >= 0);

    private static int[] Explicit(string text, int depth)
    {
        var layers = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int layer))
            {
                throw new ArgumentException($"Layer selection '{text}': '{part}' is not a block index; use {string.Join(", ", Rules)} or a list like 1,3,5.");
            }

            if (layer < 0 || layer >= depth)
            {
                throw new ArgumentException($"Layer selection '{text}': block {layer} does not exist in a depth-{depth} DiT (blocks 0..{depth - 1}).");
            }

            layers.Add(layer);
        }

        return [.. layers];
    }
}
