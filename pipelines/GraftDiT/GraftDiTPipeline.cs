using Scion.Parameters;
using Scion.Pipelines;

namespace Scion.Pipelines.GraftDiT;

/// <summary>Fetch (or pretrain) a DiT, graft new operators into it in two stages, and compare the hybrid with it.</summary>
public sealed class GraftDiTPipeline : Pipeline<GraftDiTContext>
{
    public override string Name => "GraftDiT";

    public override IEnumerable<IParameter> Parameters =>
        Parameter.DeclaredIn(typeof(GraftDiTParameters)).Concat(Parameter.DeclaredIn(typeof(GraftParameters)));
}
