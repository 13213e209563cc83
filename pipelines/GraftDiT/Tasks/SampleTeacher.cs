using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Latents;
using Scion.Diffusion.Models;
using Scion.Parameters;
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
        string decoder = context.Get(P.VaeDecoder);
        bool latent = decoder.Length > 0;
        if (!latent && config.InChannels != 3)
        {
            throw new InvalidOperationException($"This DiT works in a {config.InChannels}-channel latent space: give its VAE decoder with --param dit.vae_decoder=PATH.onnx.");
        }

        using var model = new DiT(config);
        StrictLoader.Load(model, StateDictFile.Read(context.InputPath(FetchDiT.Weights)), "dit.safetensors");
        int perClass = context.Get(P.SamplesPerClass), classes = Math.Min(config.NumClasses, 10);
        // Row r of the grid holds the samples of class r.
        var labels = Enumerable.Range(0, classes).SelectMany(c => Enumerable.Repeat((long)c, perClass)).ToArray();
        int steps = context.Get(P.SampleSteps);
        using var progress = context.Progress("sampling", steps);
        var sampler = new Sampler(model, GaussianDiffusion.Create())
        {
            Steps = steps,
            Kind = context.Get(P.Sampler) == "ddim" ? SamplerKind.Ddim : SamplerKind.Ddpm,
            GuidanceScale = context.Get(P.GuidanceScale),
            Seed = context.Get(P.SampleSeed),
            OnStep = (done, _) => progress.Report(done),
            ClipDenoised = !latent, // as DiT's sample.py: latents are not clipped
        };
        using var drawn = sampler.Sample(labels);
        using var vae = latent ? new OnnxVae(decoder, scale: context.Get(P.VaeScale)) : null;
        using var images = vae?.Decode(drawn) ?? drawn.alias();
        int side = (int)images.shape[2];
        File.WriteAllBytes(context.OutputPath(Grid), ImageTensors.Grid(images, perClass));
        var rgb = ImageTensors.ToRgb(images);
        context.WriteTable(Samples, rgb.Select((bytes, i) => new ImageRow
        {
            Png = ImageCodec.EncodePng(bytes, side, side), Label = (int)labels[i], Seed = context.Get(P.SampleSeed),
        }));
    }
}
