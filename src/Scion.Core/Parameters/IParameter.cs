namespace Scion.Parameters;

/// <summary>A typed pipeline parameter. Values come from <c>params.toml</c>, a profile, then <c>--param</c>.</summary>
public interface IParameter
{
    /// <summary>Dotted key, e.g. <c>dit.depth</c> (a TOML table and key).</summary>
    string Key { get; }

    string Description { get; }

    /// <summary>What values are allowed, in words; shown in errors.</summary>
    string Allowed { get; }

    /// <summary>Parses and validates text; returns an error message (without the key) on failure.</summary>
    string? TryParse(string text, out object? value);

    /// <summary>The canonical text of a value: what the cache key hashes and what reports show.</summary>
    string Format(object value);
}
