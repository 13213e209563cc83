using Scion.Grafting.Distillation;
using Scion.Grafting.Operators;
using Scion.Grafting.Surgery;
using Scion.Parameters;

namespace Scion.Pipelines.GraftDiT;

/// <summary>GraftDiT's grafting parameters (stage 1, stage 2, the sweep); defaults and the smoke profile are in params.toml.</summary>
public static class GraftParameters
{
    public static readonly Parameter<string> Mode = Parameter.Choice("graft.mode",
        "operator: replace one operator in the selected blocks; depth-to-width: run block pairs (0,1), (2,3), … in parallel", "operator", "depth-to-width");

    public static readonly Parameter<string> Operator = Parameter.Choice("graft.operator", "Operator grafted in (graft.mode=operator)", [.. OperatorRegistry.Names]);

    public static readonly Parameter<string> Layers = LayerRule("graft.layers", "Blocks to graft: interleaved-50 (odd), interleaved-75 (index not a multiple of 4), all, or a list like 1,3,5");

    public static readonly Parameter<int> DistillSamples = Parameter.Int("distill.samples", "Training images whose teacher activations stage 1 captures (one random t each)", min: 2, max: 10_000_000);

    public static readonly Parameter<string> DistillLoss = Parameter.Choice("distill.loss", "Stage-1 regression loss (L1 is the paper's choice for attention)", DistillOptions.Losses);

    public static readonly Parameter<int> DistillSteps = Parameter.Int("distill.steps", "Stage-1 training steps per layer", min: 1, max: 10_000_000);

    public static readonly Parameter<int> DistillBatch = Parameter.Int("distill.batch", "Stage-1 batch size", min: 1, max: 4096);

    public static readonly Parameter<double> DistillLearningRate = Parameter.Double("distill.lr", "Stage-1 AdamW learning rate", min: 1e-7, max: 1);

    public static readonly Parameter<int> DistillEvalEvery = Parameter.Int("distill.eval_every", "Stage-1 validation every N steps (the best checkpoint is kept)", min: 1);

    public static readonly Parameter<int> DistillSeed = Parameter.Int("distill.seed", "Seed of the captured samples, their timesteps and stage-1 batches", min: 0);

    public static readonly Parameter<double> FinetuneFraction = Parameter.Double("finetune.fraction", "Fixed share of the training images used by stage 2", min: 1e-6, max: 1);

    public static readonly Parameter<int> FinetuneSteps = Parameter.Int("finetune.steps", "Stage-2 training steps (0 = stage 1 only)", min: 0, max: 10_000_000);

    public static readonly Parameter<int> FinetuneBatch = Parameter.Int("finetune.batch", "Stage-2 batch size", min: 1, max: 4096);

    public static readonly Parameter<double> FinetuneLearningRate = Parameter.Double("finetune.lr", "Stage-2 AdamW learning rate", min: 1e-7, max: 1);

    public static readonly Parameter<int> FinetuneWarmup = Parameter.Int("finetune.warmup", "Stage-2 linear warm-up steps", min: 0);

    public static readonly Parameter<double> FinetuneEma = Parameter.Double("finetune.ema", "Stage-2 EMA decay", min: 0, max: 1);

    public static readonly Parameter<int> FinetuneSeed = Parameter.Int("finetune.seed", "Seed of the stage-2 subset and batches", min: 0);

    public static readonly Parameter<int> LatencyRepeats = Parameter.Int("bench.repeats", "Timed forward passes per latency measurement (the median is reported)", min: 1, max: 1000);

    public static readonly Parameter<string> SweepOperators = new("sweep.operators",
        "Operators GraftSweep grafts (comma-separated; 'all' = every registered operator except the MLP self-graft)",
        "all, or a comma-separated list of " + string.Join(", ", OperatorRegistry.Names),
        text => text == "all" || text.Split(',').All(n => OperatorRegistry.Names.Contains(n.Trim())) ? (text, null) : (null, $"'{text}' names an unknown operator; known: {string.Join(", ", OperatorRegistry.Names)}"),
        v => v);

    public static readonly Parameter<string> SweepLayers = new("sweep.layers", "Layer selections GraftSweep runs each operator at (';'-separated)",
        "';'-separated layer selections",
        text => text.Split(';').All(LayerSelection.IsValid) ? (text, null) : (null, $"'{text}' holds an invalid layer selection; use {string.Join(", ", LayerSelection.Rules)} or lists like 1,3"),
        v => v);

    public static readonly Parameter<bool> SweepDepthToWidth = Parameter.Bool("sweep.depth_to_width", "GraftSweep also runs depth to width");

    /// <summary>The operators <see cref="SweepOperators"/> names.</summary>
    public static IReadOnlyList<string> SweepOperatorList(string value) => value == "all"
        ? OperatorRegistry.Names.Where(n => n != "mlp-r4").ToArray()
        : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static Parameter<string> LayerRule(string key, string description) => new(key, description,
        string.Join(", ", LayerSelection.Rules) + ", or a comma-separated list of block indices",
        text => LayerSelection.IsValid(text) ? (text, null) : (null, $"'{text}' is not {string.Join(", ", LayerSelection.Rules)} or a list like 1,3,5"),
        v => v);
}
