using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Data;
using Scion.Diffusion.Models;
using Scion.Parameters;
using Scion.Pipelines.GraftDiT.Grafting;
using Scion.Tasks;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("SampleTeacher")]
[IsDependentOn(typeof(FetchDiT))]
[TaskDescription("Draws class-conditional samples of the DiT with guidance: a grid for the report and a table for scoring")]
public sealed class SampleTeacher : PipelineTask<GraftDiTContext>
{
    public static readonly Artifact Grid = Artifact.File("samples.png");
    public static readonly TableArtifact<ImageRow> Samples = Artifact.Table<ImageRow>("samples");

    public override IEnumerable<IParameter> Reads => [P.Sampler, P.SampleSteps, P.GuidanceScale, P.SamplesPerClass, P.SampleSeed, P.VaeDecoder, P.VaeScale];

    public override IEnumerable<Artifact> Inputs => [FetchDiT.Weights, FetchDiT.Config];

    public override IEnumerable<Artifact> Outputs => [Grid, Samples];

    public override void Run(GraftDiTContext context)
    {
        var config = context.ReadConfig(FetchDiT.Config);
        using var model = new DiT(config);
        StrictLoader.Load(model, StateDictFile.Read(context.InputPath(FetchDiT.Weights)), "dit.safetensors");
        var labels = SampleJudge.Labels(context, config);
        using var images = SampleJudge.Draw(context, model, config, labels, "teacher");
        int side = (int)images.shape[2];
        File.WriteAllBytes(context.OutputPath(Grid), ImageTensors.Grid(images, context.Get(P.SamplesPerClass)));
        var rgb = ImageTensors.ToRgb(images);
        context.WriteTable(Samples, rgb.Select((bytes, i) => new ImageRow
        {
            Png = ImageCodec.EncodePng(bytes, side, side), Label = (int)labels[i], Seed = context.Get(P.SampleSeed),
        }));
    }
}
