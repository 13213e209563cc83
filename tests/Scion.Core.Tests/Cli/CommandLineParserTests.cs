using Scion.Cli;
using Scion.Console;

namespace Scion.Core.Tests.Cli;

public sealed class CommandLineParserTests
{
    [Fact]
    public void Cake_style_options_parse()
    {
        var o = CommandLineParser.Parse(["--target=A", "-t", "B", "--dryrun", "--param", "x.y=1", "-p=z=2", "--jobs=3", "--force=A,B", "--verbosity=verbose", "--exclusive"]);
        Assert.Equal(["A", "B"], o.Targets);
        Assert.True(o.DryRun);
        Assert.True(o.Exclusive);
        Assert.Equal([new("x.y", "1"), new("z", "2")], o.Parameters);
        Assert.Equal(3, o.Jobs);
        Assert.Equal(["A", "B"], o.Force.Order());
        Assert.Equal(Verbosity.Verbose, o.Verbosity);
    }

    [Theory]
    [InlineData("--taget=A", "Did you mean 'target'")]
    [InlineData("--jobs=0", "--jobs '0'")]
    [InlineData("--device=tpu", "cpu, cuda or auto")]
    [InlineData("--param=novalue", "KEY=VALUE")]
    [InlineData("Test", "--target=Test")]
    [InlineData("--verbosity=loud", "quiet, minimal, normal, verbose, diagnostic")]
    [InlineData("--verbosity=2", "quiet, minimal, normal, verbose, diagnostic")]
    public void Bad_arguments_are_named(string arg, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => CommandLineParser.Parse([arg]));
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("quiet", Verbosity.Quiet)]
    [InlineData("Minimal", Verbosity.Minimal)]
    [InlineData("NORMAL", Verbosity.Normal)]
    [InlineData("verbose", Verbosity.Verbose)]
    [InlineData("diagnostic", Verbosity.Diagnostic)]
    public void Verbosity_is_named_in_any_case(string value, Verbosity expected) =>
        Assert.Equal(expected, CommandLineParser.Parse([$"--verbosity={value}"]).Verbosity);

    [Fact]
    public void Every_verbosity_level_can_be_named() =>
        Assert.All(Enum.GetValues<Verbosity>(), v => Assert.Equal(v, CommandLineParser.Parse([$"--verbosity={v}"]).Verbosity));

    [Fact]
    public async Task An_unknown_target_exits_with_2_and_suggests()
    {
        using var ws = new TestWorkspace();
        Assert.Equal(2, await ws.RunAsync("--target=Sumarize"));
        Assert.Contains("Did you mean 'Summarize'", ws.Output);
    }

    [Fact]
    public async Task Tree_and_description_list_the_tasks()
    {
        using var ws = new TestWorkspace();
        Assert.Equal(0, await ws.RunAsync("--tree", "--target=All"));
        Assert.Contains("Generate", ws.Output);
        Assert.Equal(0, await ws.RunAsync("--description"));
        Assert.Contains("Writes demo.rows numbers", ws.Output);
    }

    [Fact]
    public async Task The_summary_table_lists_every_task_with_status_and_note()
    {
        using var ws = new TestWorkspace();
        await ws.RunAsync("--target=Scale");
        await ws.RunAsync("--target=Scale");
        Assert.Matches(@"Generate\s+Cached\s+0 ms\s+cache hit", ws.Output);
        Assert.Contains("2 cached", ws.Output);
    }
}
