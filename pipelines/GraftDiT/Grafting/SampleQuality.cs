using Scion.Eval.Encoders;
using Scion.Eval.Metrics;
using Scion.Eval.Statistics;
using Scion.Pipelines.GraftDiT.Tasks;
using static TorchSharp.torch;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>
/// FD and precision/recall/density/coverage of sample sets against the held-out reference, in the evaluation
/// encoder's space. The encoder, the reference statistics and the real features are opened once and serve every
/// model a task judges.
/// </summary>
public sealed class SampleQuality : IDisposable
{
    private readonly IFeatureEncoder encoder;
    private readonly FeatureStatistics reference;
    private readonly Tensor realFeatures;
    private readonly int k;

    public SampleQuality(GraftDiTContext context)
    {
        encoder = context.Encoder();
        reference = StatisticsFile.Read(context.InputPath(ReferenceStats.Statistics), encoder.Name);
        realFeatures = Npz.Read(context.InputPath(ReferenceStats.Features)).Single().Value.ToTensor();
        k = context.Get(P.PrdcK);
    }

    /// <summary>FD and PRDC of uint8 images [N, 3, H, W].</summary>
    public (double Fd, PrdcResult Prdc) Score(Tensor images)
    {
        using var features = encoder.Encode(images);
        using var samples = FeatureStatistics.Of(features, encoder.Name);
        return (FrechetDistance.Compute(samples, reference), Prdc.Compute(realFeatures, features, k));
    }

    public void Dispose()
    {
        encoder.Dispose();
        reference.Dispose();
        realFeatures.Dispose();
    }
}
