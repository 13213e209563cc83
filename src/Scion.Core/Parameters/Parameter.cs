using System.Globalization;
using System.Reflection;

namespace Scion.Parameters;

/// <summary>A parameter whose value is a <typeparamref name="T"/>. Create with the factories on <see cref="Parameter"/>.</summary>
public sealed class Parameter<T>(string key, string description, string allowed, Func<string, (T? Value, string? Error)> parse, Func<T, string> format)
    : IParameter where T : notnull
{
    public string Key { get; } = key;

    public string Description { get; } = description;

    public string Allowed { get; } = allowed;

    public string? TryParse(string text, out object? value)
    {
        var (parsed, error) = parse(text.Trim());
        value = parsed;
        return error;
    }

    public string Format(object value) => format((T)value);

    public override string ToString() => Key;
}

/// <summary>Factories for typed parameters, and discovery of those declared as static fields.</summary>
public static class Parameter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Parameter<int> Int(string key, string description, int min = int.MinValue, int max = int.MaxValue) =>
        new(key, description, Range("an integer", min, max, int.MinValue, int.MaxValue),
            text => int.TryParse(text, NumberStyles.Integer, Inv, out int v)
                ? (v < min || v > max ? (0, OutOfRange(text, min, max)) : (v, null))
                : (0, $"'{text}' is not an integer"),
            v => v.ToString(Inv));

    public static Parameter<long> Long(string key, string description, long min = long.MinValue, long max = long.MaxValue) =>
        new(key, description, Range("an integer", min, max, long.MinValue, long.MaxValue),
            text => long.TryParse(text, NumberStyles.Integer, Inv, out long v)
                ? (v < min || v > max ? (0, OutOfRange(text, min, max)) : (v, null))
                : (0, $"'{text}' is not an integer"),
            v => v.ToString(Inv));

    public static Parameter<double> Double(string key, string description, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        new(key, description, Range("a number", min, max, double.NegativeInfinity, double.PositiveInfinity),
            text => double.TryParse(text, NumberStyles.Float, Inv, out double v) && double.IsFinite(v)
                ? (v < min || v > max ? (0, OutOfRange(text, min, max)) : (v, null))
                : (0, $"'{text}' is not a finite number"),
            v => v.ToString("R", Inv));

    public static Parameter<bool> Bool(string key, string description) =>
        new(key, description, "true or false",
            text => bool.TryParse(text, out bool v) ? (v, null) : (false, $"'{text}' is not true or false"),
            v => v ? "true" : "false");

    public static Parameter<string> String(string key, string description, bool allowEmpty = true) =>
        new(key, description, allowEmpty ? "any text" : "non-empty text",
            text => !allowEmpty && text.Length == 0 ? (null, "the value is empty") : (text, null),
            v => v);

    public static Parameter<string> Choice(string key, string description, params string[] choices) =>
        new(key, description, "one of " + string.Join(", ", choices),
            text => choices.Contains(text, StringComparer.Ordinal) ? (text, null) : (null, $"'{text}' is not one of {string.Join(", ", choices)}"),
            v => v);

    /// <summary>A file path; empty means "not given". A non-empty path must exist when the parameter is validated.</summary>
    public static Parameter<string> OptionalFile(string key, string description) =>
        new(key, description, "empty, or the path of an existing file",
            text => text.Length == 0 || File.Exists(text) ? (text, null) : (null, $"file '{text}' does not exist"),
            v => v);

    /// <summary>All <see cref="IParameter"/> values held in static fields or properties of <paramref name="type"/>.</summary>
    public static IReadOnlyList<IParameter> DeclaredIn(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => typeof(IParameter).IsAssignableFrom(f.FieldType))
            .Select(f => (IParameter)f.GetValue(null)!)
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(p => typeof(IParameter).IsAssignableFrom(p.PropertyType))
                .Select(p => (IParameter)p.GetValue(null)!))
            .ToList();

    private static string Range<TNum>(string what, TNum min, TNum max, TNum lowest, TNum highest) where TNum : IComparable<TNum>
    {
        bool hasMin = min.CompareTo(lowest) != 0;
        bool hasMax = max.CompareTo(highest) != 0;
        return (hasMin, hasMax) switch
        {
            (true, true) => string.Create(Inv, $"{what} from {min} to {max}"),
            (true, false) => string.Create(Inv, $"{what} ≥ {min}"),
            (false, true) => string.Create(Inv, $"{what} ≤ {max}"),
            _ => what,
        };
    }

    private static string OutOfRange<TNum>(string text, TNum min, TNum max) => string.Create(Inv, $"{text} is outside [{min}, {max}]");
}
