using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using Scion.Parameters;

namespace Scion.Pipelines.GraftDiT;

/// <summary>GraftDiT's parameters; defaults and the smoke profile are in params.toml.</summary>
public static class GraftDiTParameters
{
    public static readonly Parameter<string> DataSource = Parameter.String("data.source",
        "Your own images: a folder with one sub-folder per class, or a .parquet table (Png, Label); empty = the embedded shapes dataset");

    public static readonly Parameter<int> DataImages = Parameter.Int("data.images", "Training images generated for the embedded dataset", min: 10, max: 10_000_000);

    public static readonly Parameter<int> DataHeldout = Parameter.Int("data.heldout", "Held-out images (embedded dataset; or the last share of your own data)", min: 10, max: 1_000_000);

    public static readonly Parameter<int> DataSeed = Parameter.Int("data.seed", "Seed of the embedded dataset", min: 0);

    public static readonly Parameter<int> ImageSize = Parameter.Int("data.image_size", "Side of the square images in pixels", min: 8, max: 1024);

    public static readonly Parameter<string> TeacherConfig = Parameter.String("teacher.config", "DiT configuration of the embedded teacher (DiT-N/4, DiT-T/4, DiT-S/2, ...)", allowEmpty: false);

    public static readonly Parameter<int> TeacherDepth = Parameter.Int("teacher.depth",
        "Blocks of the embedded teacher; 0 = the depth of teacher.config", min: 0, max: 1000);

    public static readonly Parameter<int> TeacherWidth = Parameter.Int("teacher.width",
        "Hidden width of the embedded teacher; 0 = the width of teacher.config (a multiple of 4 and of the heads)", min: 0, max: 65536);

    public static readonly Parameter<int> TeacherHeads = Parameter.Int("teacher.heads",
        "Attention heads of the embedded teacher; 0 = the heads of teacher.config (must divide its width)", min: 0, max: 1024);

    public static readonly Parameter<double> TeacherMlpRatio = Parameter.Double("teacher.mlp_ratio",
        "MLP expansion ratio of the embedded teacher (fc1 is width × ratio wide); DiT's is 4, which the grafting study's MLP operators assume", min: 0.25, max: 16);

    public static readonly Parameter<int> TeacherSteps = Parameter.Int("teacher.steps", "Training steps of the embedded teacher", min: 1, max: 10_000_000);

    public static readonly Parameter<int> TeacherBatch = Parameter.Int("teacher.batch", "Batch size of teacher training", min: 1, max: 4096);

    public static readonly Parameter<double> TeacherLearningRate = Parameter.Double("teacher.lr", "Learning rate of teacher training (AdamW's; Muon's updates are scaled to AdamW's size)", min: 1e-7, max: 1);

    public static readonly Parameter<int> TeacherWarmup = Parameter.Int("teacher.warmup", "Linear learning-rate warm-up steps", min: 0);

    public static readonly Parameter<double> TeacherBeta2 = Parameter.Double("teacher.beta2",
        "AdamW's β₂ (decay of the squared-gradient average) in teacher training; PyTorch's default and DiT's is 0.999", min: 0, max: 0.9999999);

    public static readonly Parameter<string> TeacherOptimizer = Parameter.Choice("teacher.optimizer",
        "'adamw' (DiT's) or 'muon' (Muon for the blocks' weight matrices, AdamW for the rest; one learning rate)", "adamw", "muon");

    public static readonly Parameter<double> TeacherEma = Parameter.Double("teacher.ema", "EMA decay of the teacher's weights (DiT: 0.9999 over 7M steps)", min: 0, max: 1);

    public static readonly Parameter<double> TeacherMinSnr = Parameter.Double("teacher.min_snr",
        "Min-SNR-γ weighting of the teacher's noise loss (Hang et al. 2023); 0 = unweighted, as DiT trains", min: 0, max: 1000);

    public static readonly Parameter<string> TeacherPrediction = Parameter.Choice("teacher.prediction",
        "What the embedded teacher predicts: 'v' (velocity; learns a small teacher's layout far sooner) or 'epsilon' (the noise, as DiT)", "v", "epsilon");

    public static readonly Parameter<string> TeacherDecay = Parameter.Choice("teacher.decay",
        "Learning rate after warm-up: 'constant' (as DiT), 'cosine' (half cosine to zero at the last step) or 'linear' (straight to zero there)",
        Enum.GetNames<LearningRateDecay>().Select(name => name.ToLowerInvariant()).ToArray());

    public static readonly Parameter<string> TeacherPrecision = Parameter.Choice("teacher.precision",
        "Matrix products of teacher training: 'auto' (bf16 where a probe at the start measures them faster: about 1.9x with AMX, " +
        "0.7x on a CPU seen with AVX512-BF16 alone), 'bf16' (bfloat16 products, float32 weights and element-wise work) or 'fp32'",
        "auto", "bf16", "fp32");

    public static readonly Parameter<int> TeacherReplicas = Parameter.Int("teacher.replicas",
        "Data-parallel replicas of teacher training: each batch is split between this many copies of the model, each on its own " +
        "thread with a share of the cores (at most teacher.batch; 1 = one model, its operations spread over all cores)", min: 1, max: 4096);

    public static readonly Parameter<int> TeacherSeed = Parameter.Int("teacher.seed", "Seed of teacher initialisation and batches", min: 0);

    public static readonly Parameter<string> Checkpoint = Parameter.OptionalFile("dit.checkpoint",
        "A DiT state dict (.pt from torch.save, plain or under \"ema\", or .safetensors); empty = pretrain the embedded teacher");

    public static readonly Parameter<int> Heads = Parameter.Int("dit.heads", "Attention heads of the checkpoint; 0 = from the named size of its width", min: 0, max: 1024);

    public static readonly Parameter<string> CheckpointPrediction = Parameter.Choice("dit.prediction",
        "What dit.checkpoint predicts: 'epsilon' (official DiT checkpoints) or 'v'", "epsilon", "v");

    public static readonly Parameter<string> VaeDecoder = Parameter.OptionalFile("dit.vae_decoder",
        "ONNX decoder of the VAE (latents [B,4,h,w] -> images [B,3,8h,8w]) for a latent DiT such as DiT-XL/2; empty for pixel-space DiTs");

    public static readonly Parameter<double> VaeScale = Parameter.Double("dit.vae_scale", "Latent scale factor of the VAE (0.18215 for the SD VAE)", min: 1e-6, max: 1e6);

    public static readonly Parameter<string> Sampler = Parameter.Choice("sample.sampler", "Sampler", "ddpm", "ddim");

    public static readonly Parameter<int> SampleSteps = Parameter.Int("sample.steps", "Sampling steps (respaced from 1000)", min: 1, max: 1000);

    public static readonly Parameter<double> GuidanceScale = Parameter.Double("sample.cfg_scale", "Classifier-free guidance scale (1 = none)", min: 0, max: 100);

    public static readonly Parameter<int> SamplesPerClass = Parameter.Int("sample.per_class", "Samples per class for the grid and the accuracy check", min: 1, max: 10_000);

    public static readonly Parameter<int> SampleSeed = Parameter.Int("sample.seed", "Seed of the sampling noise", min: 0);

    public static readonly Parameter<int> ClassifierSteps = Parameter.Int("classifier.steps", "Training steps of the embedded classifier", min: 1, max: 1_000_000);

    public static readonly Parameter<string> Encoder = Parameter.String("eval.encoder",
        "Feature encoder for FD and PRDC: 'embedded' (the classifier trained on the training images) or a path to an .onnx image encoder (e.g. DINOv2 ViT-L/14)", allowEmpty: false);

    public static readonly Parameter<int> EncoderBatch = Parameter.Int("eval.batch", "Images per encoder batch", min: 1, max: 4096);

    public static readonly Parameter<int> EncoderThreads = Parameter.Int("eval.threads", "ONNX Runtime intra-op threads (0 = its default)", min: 0, max: 256);

    public static readonly Parameter<int> PrdcK = Parameter.Int("eval.prdc_k", "Nearest neighbours for precision/recall/density/coverage", min: 1, max: 100);

    /// <summary>The embedded teacher's shape: <paramref name="named"/> (teacher.config) with teacher.depth, teacher.width and
    /// teacher.heads where they are not 0, and teacher.mlp_ratio. <paramref name="get"/> and <paramref name="getDouble"/> read
    /// a parameter (a task's context or the resolved values).</summary>
    public static DiTConfig TeacherShape(DiTConfig named, Func<Parameter<int>, int> get, Func<Parameter<double>, double> getDouble) => named with
    {
        Depth = get(TeacherDepth) is > 0 and var depth ? depth : named.Depth,
        Hidden = get(TeacherWidth) is > 0 and var width ? width : named.Hidden,
        Heads = get(TeacherHeads) is > 0 and var heads ? heads : named.Heads,
        MlpRatio = getDouble(TeacherMlpRatio),
    };
}
