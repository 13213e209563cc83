namespace Scion.Diffusion.Training;

/// <summary>How a model is trained: AdamW (β₂ = <see cref="AdamBeta2"/>) with linear warm-up and then a constant,
/// cosine or linear learning rate (<see cref="Decay"/>), EMA of the weights, a step budget, a seed, and optionally Min-SNR-γ
/// weighting of the noise loss (<see cref="MinSnrGamma"/>; 0 = the DiT recipe, unweighted). With
/// <see cref="BFloat16Matmuls"/> the forward pass multiplies in bfloat16 (mixed precision, <see cref="Models.Autocast"/>);
/// weights and optimizer state stay float32. <see cref="Replicas"/> &gt; 1 splits each batch over that many copies of the
/// model, each computing its share of the gradient on its own thread with single-threaded operations
/// (<see cref="ReplicaSet"/>): on a few cores that beats spreading every small operation over all of them. With
/// <see cref="Muon"/> the blocks' weight matrices are trained by <see cref="FlatMuon"/> instead of AdamW.</summary>
public sealed record TrainOptions(
    int Steps,
    int BatchSize,
    double LearningRate,
    double EmaDecay = 0.9999,
    int WarmupSteps = 0,
    double WeightDecay = 0,
    long Seed = 0,
    double MinSnrGamma = 0,
    LearningRateDecay Decay = LearningRateDecay.Constant,
    bool BFloat16Matmuls = false,
    int Replicas = 1,
    double AdamBeta2 = 0.999,
    bool Muon = false);
