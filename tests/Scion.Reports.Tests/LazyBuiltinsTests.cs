using Scriban;
using Scriban.Functions;
using Scriban.Runtime;

namespace Scion.Reports.Tests;

public sealed class LazyBuiltinsTests
{
    private const string UsesEveryBuiltin = """
        {{ "a<b" | html.escape }} {{ "abc" | string.upcase }} {{ [3, 1, 2] | array.sort | array.join "," }}
        {{ 2.567 | math.round 1 }} {{ date.parse "2026-01-02" | date.to_string "%Y/%m/%d" }} {{ "a1b22" | regex.replace `\d+` "#" }}
        {{ (timespan.from_seconds 90).total_minutes }} {{ {x: 1} | object.size }} {{ empty.any }} {{ [] == empty }}
        """;

    [Fact]
    public void Render_every_builtin_as_the_default_context_does()
    {
        var template = Template.Parse(UsesEveryBuiltin);
        Assert.False(template.HasErrors, string.Join("; ", template.Messages));
        string expected = template.Render(new TemplateContext { StrictVariables = true });
        string lazy = template.Render(new TemplateContext(new LazyBuiltins()) { StrictVariables = true });
        Assert.Equal(expected, lazy);
        Assert.Contains("a&lt;b ABC 1,2,3", lazy);
    }

    [Fact]
    public void Serve_the_same_names_as_Scriban_builtins() =>
        Assert.Equal(new BuiltinFunctions().Keys.Order(StringComparer.Ordinal), LazyBuiltins.Names.Order(StringComparer.Ordinal));

    [Fact]
    public void Create_a_builtin_only_when_a_template_names_it()
    {
        var builtins = new LazyBuiltins();
        Template.Parse("{{ 'x' | html.escape }}").Render(new TemplateContext(builtins));
        Assert.Equal(["html"], builtins.Keys);
    }

    [Fact]
    public void Keep_an_unknown_name_an_error_under_strict_variables()
    {
        var context = new TemplateContext(new LazyBuiltins()) { StrictVariables = true };
        var error = Assert.ThrowsAny<Exception>(() => Template.Parse("{{ strings.upcase 'x' }}").Render(context));
        Assert.Contains("strings", error.Message);
    }
}
