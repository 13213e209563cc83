namespace Scion.Text;

/// <summary>"Did you mean" for unknown targets, options and parameter keys (edit distance, case-insensitive).</summary>
public static class NameSuggestions
{
    public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> known, int max = 3)
    {
        var scored = known.Distinct()
            .Select(k => (Name: k, Distance: Distance(wanted.ToLowerInvariant(), k.ToLowerInvariant())))
            .ToList();
        int limit = Math.Max(2, wanted.Length / 2);
        return scored
            .Where(s => s.Distance <= limit || s.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Distance).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(max).Select(s => s.Name).ToList();
    }

    /// <summary>A sentence for an error message: " Did you mean 'a' or 'b'?" or empty.</summary>
    public static string DidYouMean(string wanted, IEnumerable<string> known)
    {
        var closest = Closest(wanted, known);
        return closest.Count == 0 ? "" : " Did you mean " + string.Join(" or ", closest.Select(c => $"'{c}'")) + "?";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
