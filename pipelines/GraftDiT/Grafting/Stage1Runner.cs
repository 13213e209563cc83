using Scion.Grafting.Distillation;
using Scion.Grafting.Surgery;
using G = Scion.Pipelines.GraftDiT.GraftParameters;

namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>Stage 1 of a plan: one shard per layer through the executor (layers are independent), each writing its
/// best checkpoint into <c>output</c>, with the distill.* settings.</summary>
public static class Stage1Runner
{
    public static async Task<IReadOnlyList<DistillShardResult>> RunAsync(GraftDiTContext context, GraftPlan plan, string activations, string output,
        string teacherWeights, string teacherConfig)
    {
        Directory.CreateDirectory(output);
        var shards = plan.Layers.Select(layer => new DistillShard(layer,
            Path.Combine(activations, LayerActivations.FileName(layer)), Path.Combine(output, Stage1Weights.FileName(layer)),
            teacherWeights, teacherConfig, plan.Mode == GraftMode.DepthToWidth ? "depth-to-width" : "operator", plan.OperatorName, [.. plan.Layers],
            context.Get(G.DistillLoss), context.Get(G.DistillSteps), context.Get(G.DistillBatch), context.Get(G.DistillLearningRate),
            context.Get(G.DistillEvalEvery), context.Get(G.DistillSeed))).ToList();
        context.Log.Information($"Stage 1: {plan.Describe()}, {shards.Count} layers, {context.Get(G.DistillSteps)} steps each ({context.Get(G.DistillLoss)})");
        return await context.Executor.RunShardsAsync<DistillWorker, DistillShard, DistillShardResult>(shards, context.Cancellation);
    }
}
