namespace Scion.Pipelines.GraftDiT.Grafting;

/// <summary>Stage 1 of one layer as plain data, so that the executor can run it anywhere: where its inputs are,
/// where its best weights go, and how to train.</summary>
public sealed record DistillShard(
    int Layer,
    string Activations,
    string Output,
    string TeacherWeights,
    string TeacherConfig,
    string Mode,
    string Operator,
    int[] Layers,
    string Loss,
    int Steps,
    int Batch,
    double LearningRate,
    int EvalEvery,
    long Seed);
