using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.TestHost;

/// <summary>Generate -> Scale -> Summarize, plus Unrelated, SlowWrite, Explode -> AfterExplode, Optional -> AfterOptional (an optional input).</summary>
public sealed class TestPipeline : Pipeline<TestContext>
{
    public override string Name => "Test";

    public override IEnumerable<IParameter> Parameters => Parameter.DeclaredIn(typeof(TestParameters));

    /// <summary>Generate writes demo.rows rows; scaling them by zero is refused before anything runs.</summary>
    public override IEnumerable<string> Check(ParameterValues values)
    {
        if (values.Get(TestParameters.Scale) == 0 && values.Get(TestParameters.Rows) > 1)
        {
            yield return $"demo.scale = 0 would make all {values.Get(TestParameters.Rows)} rows (demo.rows) equal; choose another scale.";
        }
    }

    /// <summary>The params.toml that tests write into their temporary workspace.</summary>
    public const string DefaultParameters = """
        [demo]
        rows = 100
        scale = 2.0
        label = "hello"
        explode = false
        skip = false
        mode = "fast"

        [slow]
        seconds = 0.0

        [profiles.smoke.demo]
        rows = 10
        """;
}
