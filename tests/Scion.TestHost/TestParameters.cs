using Scion.Parameters;

namespace Scion.TestHost;

public static class TestParameters
{
    public static readonly Parameter<int> Rows = Parameter.Int("demo.rows", "Rows generated", min: 1, max: 1_000_000);
    public static readonly Parameter<double> Scale = Parameter.Double("demo.scale", "Factor applied by Scale", min: -100, max: 100);
    public static readonly Parameter<string> Label = Parameter.String("demo.label", "Text written by Unrelated");
    public static readonly Parameter<bool> Explode = Parameter.Bool("demo.explode", "Makes Explode throw");
    public static readonly Parameter<bool> Skip = Parameter.Bool("demo.skip", "Makes Optional skip itself");
    public static readonly Parameter<string> Mode = Parameter.Choice("demo.mode", "A choice", "fast", "slow");
    public static readonly Parameter<double> SlowSeconds = Parameter.Double("slow.seconds", "How long SlowWrite takes", min: 0, max: 600);
}
