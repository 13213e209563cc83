using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Scion.Reports;

/// <summary>
/// Scriban's standard built-in objects (<c>html</c>, <c>string</c>, <c>array</c>, <c>date</c>, ...), each created the
/// first time a template names it. A default <see cref="TemplateContext"/> builds all of them up front, ~15 ms of a
/// fully cached rerun; the report template only uses <c>html</c>, but a user's template keeps every built-in.
/// </summary>
public sealed class LazyBuiltins() : ScriptObject(capacity: 4, autoImportStaticsFromThisType: false)
{
    private static readonly Dictionary<string, Func<object>> Factories = new(StringComparer.Ordinal)
    {
        ["array"] = () => new ArrayFunctions(),
        ["empty"] = () => EmptyScriptObject.Default,
        ["blank"] = () => EmptyScriptObject.Default,
        ["include"] = () => new IncludeFunction(),
        ["include_join"] = () => new IncludeJoinFunction(),
        ["date"] = () => new DateTimeFunctions(),
        ["html"] = () => new HtmlFunctions(),
        ["math"] = () => new MathFunctions(),
        ["object"] = () => new ObjectFunctions(),
        ["regex"] = () => new RegexFunctions(),
        ["string"] = () => new StringFunctions(),
        ["timespan"] = () => new TimeSpanFunctions(),
    };

    /// <summary>The names served, the same as Scriban's default built-ins.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public override bool Contains(string member) => Factories.ContainsKey(member) || base.Contains(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        Create(member);
        return base.TryGetValue(context, span, member, out value);
    }

    public override object? this[string key]
    {
        get
        {
            Create(key);
            return base[key];
        }

        set => base[key] = value;
    }

    private void Create(string member)
    {
        if (!base.Contains(member) && Factories.TryGetValue(member, out var create))
        {
            SetValue(member, create(), readOnly: true);
        }
    }
}
