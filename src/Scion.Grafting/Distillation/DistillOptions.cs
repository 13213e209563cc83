namespace Scion.Grafting.Distillation;

/// <summary>How stage 1 trains one operator: regression loss (<c>l1</c>, <c>l2</c>, <c>huber</c>), AdamW, the held-out
/// fraction used to pick the best checkpoint, and how often it is evaluated.</summary>
public sealed record DistillOptions(
    string Loss = "l1",
    int Steps = 400,
    int BatchSize = 16,
    double LearningRate = 1e-3,
    double ValidationFraction = 0.1,
    int EvalEvery = 50,
    long Seed = 0)
{
    public static readonly string[] Losses = ["l1", "l2", "huber"];
}
