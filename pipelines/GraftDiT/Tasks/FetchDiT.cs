using Scion.Artifacts;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Diffusion;
using Scion.Parameters;
using Scion.Tasks;
using P = Scion.Pipelines.GraftDiT.GraftDiTParameters;

namespace Scion.Pipelines.GraftDiT.Tasks;

[TaskName("FetchDiT")]
[IsDependentOn(typeof(PretrainTeacher))]
[TaskDescription("Publishes the DiT to graft: dit.checkpoint loaded strictly, or the pretrained embedded teacher")]
public sealed class FetchDiT : PipelineTask<GraftDiTContext>
{
    public static readonly Artifact Weights = Artifact.Tensors("dit");
    public static readonly Artifact Config = Artifact.File("dit.json");

    public override IEnumerable<IParameter> Reads => [P.Checkpoint, P.Heads, P.CheckpointPrediction];

    public override IEnumerable<Artifact> OptionalInputs => [PretrainTeacher.Weights, PretrainTeacher.Config];

    public override IEnumerable<Artifact> Outputs => [Weights, Config];

    public override void Run(GraftDiTContext context)
    {
        string checkpoint = context.Get(P.Checkpoint);
        int heads = context.Get(P.Heads);
        string source = checkpoint.Length > 0 ? checkpoint : context.InputPath(PretrainTeacher.Weights);
        var state = StateDictFile.Read(source);
        var config = checkpoint.Length > 0
            ? DiTCheckpoint.InferConfig(state, heads > 0 ? heads : null) with { Target = PredictionTargets.Parse(context.Get(P.CheckpointPrediction)) }
            : context.ReadConfig(PretrainTeacher.Config);
        using var model = new Scion.Diffusion.Models.DiT(config);
        StrictLoader.Load(model, state, source); // the published weights are exactly a loadable DiT
        StateDictFile.WriteSafetensors(context.OutputPath(Weights), model.state_dict());
        context.WriteConfig(Config, config);
        context.Log.Information($"DiT depth {config.Depth}, width {config.Hidden}, MLP {config.MlpHidden}, patch {config.Patch}, {config.InputSize}² × {config.InChannels}, {config.NumClasses} classes from {(checkpoint.Length > 0 ? checkpoint : "the embedded teacher")}");
        context.Metric("parameters", model.parameters().Sum(p => p.numel()));
    }
}
