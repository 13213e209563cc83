using Scion.Parameters;
using Scion.TestHost;

namespace Scion.Core.Tests.Parameters;

public sealed class ParameterTests
{
    public sealed class Validation
    {
        [Fact]
        public async Task An_unknown_key_is_named_with_the_closest_key_and_nothing_runs()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(2, await ws.RunAsync("--target=All", "--param=demo.rwos=5"));
            Assert.Contains("Unknown parameter 'demo.rwos'", ws.Output);
            Assert.Contains("Did you mean 'demo.rows'", ws.Output);
            Assert.Null(ws.LastRun);
            Assert.False(Directory.Exists(Path.Combine(ws.Cache, "entries")));
        }

        [Theory]
        [InlineData("demo.rows=abc", "'demo.rows' = 'abc'", "an integer from 1 to 1000000")]
        [InlineData("demo.rows=0", "'demo.rows' = '0'", "outside [1, 1000000]")]
        [InlineData("demo.scale=1e9", "'demo.scale' = '1e9'", "a number from -100 to 100")]
        [InlineData("demo.explode=maybe", "'demo.explode' = 'maybe'", "true or false")]
        [InlineData("demo.mode=medium", "'demo.mode' = 'medium'", "one of fast, slow")]
        public async Task A_bad_value_names_the_key_the_value_and_what_is_allowed(string assignment, string named, string allowed)
        {
            using var ws = new TestWorkspace();
            Assert.Equal(2, await ws.RunAsync("--target=All", "--param", assignment));
            Assert.Contains(named, ws.Output);
            Assert.Contains(allowed, ws.Output);
            Assert.Null(ws.LastRun);
        }

        [Fact]
        public async Task A_pipeline_check_across_parameters_fails_before_anything_runs()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(2, await ws.RunAsync("--target=All", "--param=demo.scale=0"));
            Assert.Contains("demo.scale = 0 would make all 100 rows (demo.rows) equal", ws.Output);
            Assert.Null(ws.LastRun);
            Assert.False(Directory.Exists(Path.Combine(ws.Cache, "entries")));
            Assert.Equal(0, await ws.RunAsync("--target=All", "--param=demo.scale=0", "--param=demo.rows=1"));
        }

        [Fact]
        public async Task A_bad_default_in_the_file_names_the_file()
        {
            using var ws = new TestWorkspace(TestPipeline.DefaultParameters.Replace("rows = 100", "rows = -3", StringComparison.Ordinal) + "\n[extra]\nthing = 1\n");
            Assert.Equal(2, await ws.RunAsync("--target=Generate"));
            Assert.Contains("params.toml: default: parameter 'demo.rows' = '-3'", ws.Output);
            Assert.Contains("unknown parameter 'extra.thing'", ws.Output);
        }

        [Fact]
        public async Task An_unknown_profile_is_an_error()
        {
            using var ws = new TestWorkspace();
            Assert.Equal(2, await ws.RunAsync("--target=Generate", "--profile=tiny"));
            Assert.Contains("Unknown profile 'tiny'", ws.Output);
        }
    }

    public sealed class Sources
    {
        [Fact]
        public async Task A_profile_overrides_the_defaults_and_the_command_line_overrides_both()
        {
            using var ws = new TestWorkspace();
            await ws.RunAsync("--target=Generate", "--profile=smoke");
            var rows = ws.LastRun!.Parameters.Single(p => p.Key == "demo.rows");
            Assert.Equal(("10", "profile smoke"), (rows.Value, rows.Source));
            await ws.RunAsync("--target=Generate", "--profile=smoke", "--param=demo.rows=12");
            rows = ws.LastRun!.Parameters.Single(p => p.Key == "demo.rows");
            Assert.Equal(("12", "command line"), (rows.Value, rows.Source));
        }

        [Fact]
        public void Typed_parameters_parse_and_format_canonically()
        {
            Assert.Null(TestParameters.Scale.TryParse("2.50", out object? value));
            Assert.Equal("2.5", TestParameters.Scale.Format(value!));
            Assert.Null(Parameter.OptionalFile("x.path", "a file").TryParse("", out _));
            Assert.Contains("does not exist", Parameter.OptionalFile("x.path", "a file").TryParse("/no/such/file", out _));
        }
    }
}
