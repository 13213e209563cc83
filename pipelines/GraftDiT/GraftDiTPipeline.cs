using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.Pipelines.GraftDiT;

/// <summary>Fetch (or pretrain) a DiT, sample it, and judge its samples; grafting stages build on these.</summary>
public sealed class GraftDiTPipeline : Pipeline<GraftDiTContext>
{
    public override string Name => "GraftDiT";

    public override IEnumerable<IParameter> Parameters => Parameter.DeclaredIn(typeof(GraftDiTParameters));
}
