using System.Globalization;
using Scion.Pipelines;
using Scion.Text;
using Tomlyn;
using Tomlyn.Model;

namespace Scion.Parameters;

/// <summary>
/// Resolves every parameter of the selected pipelines: defaults from each pipeline's <c>params.toml</c>,
/// then the named profile (<c>[profiles.NAME]</c> tables), then <c>--param key=value</c>. All problems are
/// collected and thrown together, before any task runs.
/// </summary>
public sealed class ParameterResolver(string root)
{
    private const string ProfilesTable = "profiles";

    public ParameterValues Resolve(IReadOnlyList<Pipeline> pipelines, string? profile, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var problems = new List<string>();
        var values = new ParameterValues();
        var byKey = new Dictionary<string, List<IParameter>>(StringComparer.Ordinal);
        bool profileFound = profile is null;

        foreach (var pipeline in pipelines)
        {
            var declared = pipeline.Parameters.ToDictionary(p => p.Key, StringComparer.Ordinal);
            foreach (var p in declared.Values)
            {
                if (!byKey.TryGetValue(p.Key, out var list))
                {
                    byKey[p.Key] = list = [];
                }

                list.Add(p);
            }

            if (declared.Count == 0)
            {
                continue;
            }

            string file = Path.Combine(root, pipeline.ParametersFile);
            var defaults = ReadFlat(file, problems, out var profiles);
            foreach (var (key, text) in defaults)
            {
                if (!declared.ContainsKey(key))
                {
                    problems.Add($"{file}: unknown parameter '{key}' for pipeline {pipeline.Name}.{NameSuggestions.DidYouMean(key, declared.Keys)}");
                }
            }

            foreach (var p in declared.Values)
            {
                if (defaults.TryGetValue(p.Key, out string? text))
                {
                    Apply(values, p, text, "default", $"{file}: default", problems);
                }
                else
                {
                    problems.Add($"{file}: no default for parameter '{p.Key}' ({p.Description}); add it to the file.");
                }
            }

            if (profile is not null && profiles.TryGetValue(profile, out var profileValues))
            {
                profileFound = true;
                foreach (var (key, text) in profileValues)
                {
                    if (declared.TryGetValue(key, out var p))
                    {
                        Apply(values, p, text, $"profile {profile}", $"{file}: profile '{profile}'", problems);
                    }
                    else
                    {
                        problems.Add($"{file}: profile '{profile}' sets unknown parameter '{key}'.{NameSuggestions.DidYouMean(key, declared.Keys)}");
                    }
                }
            }
        }

        if (!profileFound)
        {
            problems.Add($"Unknown profile '{profile}': no selected pipeline ({string.Join(", ", pipelines.Select(p => p.Name))}) defines [profiles.{profile}].");
        }

        foreach (var (key, text) in overrides)
        {
            if (!byKey.TryGetValue(key, out var targets))
            {
                string known = byKey.Count == 0 ? "the selected pipelines take no parameters" : "known keys: " + string.Join(", ", byKey.Keys.Order(StringComparer.Ordinal));
                problems.Add($"Unknown parameter '{key}' in --param {key}={text}.{NameSuggestions.DidYouMean(key, byKey.Keys)} ({known})");
                continue;
            }

            foreach (var p in targets)
            {
                Apply(values, p, text, "command line", "--param", problems);
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(pipelines.SelectMany(pipeline => pipeline.Check(values)));
        }

        if (problems.Count > 0)
        {
            throw new ParameterException(problems);
        }

        return values;
    }

    private static void Apply(ParameterValues values, IParameter p, string text, string source, string where, List<string> problems)
    {
        string? error = p.TryParse(text, out object? value);
        if (error is not null)
        {
            problems.Add($"{where}: parameter '{p.Key}' = '{text}' is not valid: {error}; allowed: {p.Allowed}.");
            return;
        }

        values.Set(new ParameterValue(p, value!, p.Format(value!), source));
    }

    private static Dictionary<string, string> ReadFlat(string file, List<string> problems, out Dictionary<string, Dictionary<string, string>> profiles)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        profiles = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            problems.Add($"Parameter file not found: {file}.");
            return flat;
        }

        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(file))!;
        }
        catch (Exception ex) when (ex is TomlException or InvalidOperationException or FormatException)
        {
            problems.Add($"{file}: not valid TOML: {ex.Message}");
            return flat;
        }

        foreach (var (key, value) in table)
        {
            if (key == ProfilesTable && value is TomlTable profileTables)
            {
                foreach (var (name, body) in profileTables)
                {
                    var p = new Dictionary<string, string>(StringComparer.Ordinal);
                    Flatten(body as TomlTable ?? [], "", p);
                    profiles[name] = p;
                }
            }
            else
            {
                Flatten(new TomlTable { [key] = value }, "", flat);
            }
        }

        return flat;
    }

    private static void Flatten(TomlTable table, string prefix, Dictionary<string, string> into)
    {
        foreach (var (key, value) in table)
        {
            string full = prefix.Length == 0 ? key : prefix + "." + key;
            switch (value)
            {
                case TomlTable nested:
                    Flatten(nested, full, into);
                    break;
                case TomlArray array:
                    into[full] = string.Join(",", array.Select(v => ToText(v!)));
                    break;
                default:
                    into[full] = ToText(value);
                    break;
            }
        }
    }

    private static string ToText(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
