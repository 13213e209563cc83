using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.Host.Dev;

/// <summary>The project's own chores: tests and benchmarks. Never cached: they measure the code as it is now.</summary>
public sealed class DevPipeline : Pipeline<DevContext>
{
    public override string Name => "Dev";

    public override string ParametersFile => Path.Combine("build", "Dev", "params.toml");

    public override IEnumerable<IParameter> Parameters => Parameter.DeclaredIn(typeof(DevParameters));
}
