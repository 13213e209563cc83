using System.Text.Json;
using Scion.Artifacts;
using Scion.Diffusion.Data;
using Scion.Diffusion.Models;
using Scion.Pipelines;
using static TorchSharp.torch;

namespace Scion.Pipelines.GraftDiT;

/// <summary>What GraftDiT's tasks share: reading image tables as tensors and model configs as JSON.</summary>
public sealed class GraftDiTContext : PipelineContext
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public (Tensor Images, Tensor Labels) ReadImages(TableArtifact<ImageRow> table, int size)
    {
        var (images, labels, skipped) = ImageTensors.Decode(ReadTable(table).ToList(), size);
        if (skipped > 0)
        {
            Log.Warning($"{skipped} unreadable images in {table.Name} were skipped");
        }

        return (images, labels);
    }

    /// <summary>The encoder <c>eval.encoder</c> names; the embedded one is the classifier trained by TrainClassifier.</summary>
    public Scion.Eval.Encoders.IFeatureEncoder Encoder() =>
        Scion.Eval.Encoders.FeatureEncoders.Create(Get(GraftDiTParameters.Encoder), InputPath(Tasks.TrainClassifier.Weights),
            Get(GraftDiTParameters.EncoderBatch), Get(GraftDiTParameters.EncoderThreads));

    /// <summary>The grafting plan the graft.* parameters describe, for a DiT of <paramref name="config"/>.</summary>
    public Scion.Grafting.Surgery.GraftPlan Plan(DiTConfig config) => Scion.Grafting.Surgery.GraftPlan.Create(
        Get(GraftParameters.Mode) == "depth-to-width" ? Scion.Grafting.Surgery.GraftMode.DepthToWidth : Scion.Grafting.Surgery.GraftMode.Operator,
        Get(GraftParameters.Operator), Get(GraftParameters.Layers), config.Depth);

    /// <summary>The parameters every task that builds the plan reads.</summary>
    public static IEnumerable<Scion.Parameters.IParameter> PlanParameters => [GraftParameters.Mode, GraftParameters.Operator, GraftParameters.Layers];

    public void WriteConfig(Artifact file, DiTConfig config) => File.WriteAllText(OutputPath(file), JsonSerializer.Serialize(config, Json));

    public DiTConfig ReadConfig(Artifact file) =>
        JsonSerializer.Deserialize<DiTConfig>(File.ReadAllText(InputPath(file)), Json) ?? throw new InvalidDataException($"{file.Name} is empty.");
}
