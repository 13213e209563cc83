using System.Diagnostics;
using System.Text.Json;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using Scion.Execution;
using Scion.Grafting.Distillation;
using Scion.Grafting.Surgery;
using Scion.Torch;
using static TorchSharp.torch;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>Distils one layer (stage 1) and writes its best checkpoint, under the hybrid's key names.</summary>
public sealed class DistillWorker : IShardWorker<DistillShard, DistillShardResult>
{
    public Task<DistillShardResult> RunAsync(DistillShard shard, CancellationToken cancel) => Task.Run(() => Run(shard), cancel);

    // Initialisation draws from torch's one global generator: a seeded build under its gate keeps every layer's
    // initial weights the same whether layers run one at a time or in parallel (--jobs).
    private static GraftUnit CreateUnit(GraftPlan plan, DistillShard shard, DiTConfig config, IReadOnlyDictionary<string, Tensor> teacher) =>
        GlobalGenerator.Seeded(shard.Seed + shard.Layer, () => plan.CreateUnit(shard.Layer, config, teacher));

    private static DistillShardResult Run(DistillShard shard)
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        var config = JsonSerializer.Deserialize<DiTConfig>(File.ReadAllText(shard.TeacherConfig))
            ?? throw new InvalidDataException($"{shard.TeacherConfig} is empty.");
        var plan = new GraftPlan(shard.Mode == "depth-to-width" ? GraftMode.DepthToWidth : GraftMode.Operator, shard.Operator, shard.Layers);
        var teacher = plan.Mode == GraftMode.DepthToWidth ? StateDictFile.Read(shard.TeacherWeights) : new Dictionary<string, Tensor>();
        using var data = LayerActivations.FromState(shard.Layer, StateDictFile.Read(shard.Activations), shard.Activations);
        using var unit = CreateUnit(plan, shard, config, teacher);
        var result = OperatorDistiller.Train(unit, data, new DistillOptions(shard.Loss, shard.Steps, shard.Batch, shard.LearningRate, EvalEvery: shard.EvalEvery, Seed: shard.Seed + shard.Layer));
        StateDictFile.WriteSafetensors(shard.Output, result.Best);
        return new DistillShardResult(shard.Layer, result.BestStep, result.BestValidation,
            [.. result.Curve.Select(p => p.Step)], [.. result.Curve.Select(p => p.Train)], [.. result.Curve.Select(p => p.Validation)], watch.Elapsed.TotalSeconds);
    }
}
