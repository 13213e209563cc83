using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Parameters;
using Scion.Tasks;
using G = Scion.Pipelines.GraftDiT.GraftParameters;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("CaptureActivations")]
[IsDependentOn(typeof(FetchDiT))]
[IsDependentOn(typeof(PrepareData))]
[TaskDescription("Stage 1, part 1: records from the frozen DiT what each grafted layer sees and produces (one random t per sample)")]
public sealed class CaptureActivations : PipelineTask<GraftDiTContext>
{
    public static readonly Artifact Activations = Artifact.Folder("activations");

    public override IEnumerable<IParameter> Reads => [.. GraftDiTContext.PlanParameters, G.DistillSamples, G.DistillSeed, P.ImageSize];

    public override IEnumerable<Artifact> Inputs => [FetchDiT.Weights, FetchDiT.Config, PrepareData.Train];

    public override IEnumerable<Artifact> Outputs => [Activations];

    public override void Run(GraftDiTContext context)
    {
        var config = context.ReadConfig(FetchDiT.Config);
        var plan = context.Plan(config);
        using var teacher = new DiT(config);
        StrictLoader.Load(teacher, StateDictFile.Read(context.InputPath(FetchDiT.Weights)), "dit.safetensors");
        var (images, labels) = context.ReadImages(PrepareData.Train, context.Get(P.ImageSize));
        CaptureRunner.Run(context, teacher, images, labels, plan, context.OutputPath(Activations));
        context.Metric("captured_samples", context.Get(G.DistillSamples));
    }
}
