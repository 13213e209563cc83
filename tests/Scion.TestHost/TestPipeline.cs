using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.TestHost;

/// <summary>Generate -> Scale -> Summarize, plus Unrelated, SlowWrite, Explode -> AfterExplode, Optional -> AfterOptional (an optional input).</summary>
public sealed class TestPipeline : Pipeline<TestContext>
{
    public override string Name => "Test";

    public override IEnumerable<IParameter> Parameters => Parameter.DeclaredIn(typeof(TestParameters));

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
