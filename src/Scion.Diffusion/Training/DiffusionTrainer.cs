using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>
/// Trains a DiT with the diffusion loss on images held in memory (uint8 [N, 3, H, W] + labels), the way DiT's
/// train.py does: uniform timesteps, label dropout for guidance, AdamW, EMA (and, if asked, Min-SNR-γ weighting of the
/// noise term). Returns the EMA model and the loss curve.
/// </summary>
public sealed class DiffusionTrainer(DiTConfig config, GaussianDiffusion diffusion)
{
    /// <summary>Called every step with (step, loss averaged over the batch).</summary>
    public Action<int, double>? OnStep { get; init; }

    /// <summary>Called every <see cref="CheckEvery"/> steps with the EMA model so far (for evaluation during training).</summary>
    public Action<int, DiT>? OnCheck { get; init; }

    public int CheckEvery { get; init; }

    /// <summary>Builds an untrained model of the architecture being trained (default: a DiT of the config); the EMA
    /// copy is made with it, so grafted models with other operators train the same way.</summary>
    public Func<DiT>? Architecture { get; init; }

    public TrainResult Train(Tensor images, Tensor labels, TrainOptions options, DiT? start = null)
    {
        var model = start ?? GlobalGenerator.Seeded(options.Seed, Build);
        var ema = Build();
        ema.load_state_dict(model.state_dict());
        ema.eval();
        foreach (var p in ema.parameters())
        {
            p.requires_grad = false;
        }

        using var replicas = new ReplicaSet(model, Build, options.Replicas, options.Seed);
        using IFlatOptimizer optimizer = options.Muon
            ? new FlatMuon(replicas.Primary, options.WeightDecay, options.AdamBeta2, threads: replicas.AllThreads)
            : new FlatAdamW(replicas.Primary, options.WeightDecay, beta2: options.AdamBeta2);
        using var emaValues = replicas.Primary.Values.clone();
        var generator = new Generator((ulong)options.Seed + 1);
        var curve = new List<(int Step, double Loss)>();
        long n = images.shape[0];
        var snrWeights = options.MinSnrGamma > 0 ? diffusion.MinSnrWeights(options.MinSnrGamma) : null;
        for (int step = 1; step <= options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var index = randint(0, n, [options.BatchSize], generator: generator);
            var x = Data.ImageTensors.ToModel(images.index_select(0, index));
            var y = labels.index_select(0, index);
            var t = randint(0, diffusion.Steps, [options.BatchSize], generator: generator);
            var noise = randn(x.shape, generator: generator);
            double value = replicas.Backward(options.BatchSize, (replica, start, count) =>
            {
                var part = t.narrow(0, start, count);
                using var losses = Losses(replica, x.narrow(0, start, count), y.narrow(0, start, count), part, noise.narrow(0, start, count), options.BFloat16Matmuls);
                return snrWeights is null ? losses.Loss.mean() : ((GaussianDiffusion.Extract(snrWeights, part, losses.Mse) * losses.Mse) + losses.Vb).mean();
            });
            optimizer.Step(LearningRateSchedule.At(step, options));
            replicas.Broadcast();
            Ema.Update(emaValues, replicas.Primary.Values, options.EmaDecay);
            curve.Add((step, value));
            OnStep?.Invoke(step, value);
            if (OnCheck is not null && CheckEvery > 0 && step % CheckEvery == 0)
            {
                replicas.Primary.CopyTo(emaValues, ema);
                OnCheck(step, ema);
                ema.eval();
            }
        }

        replicas.Primary.CopyTo(emaValues, ema);
        return new TrainResult(ema, curve);
    }

    private LossTerms Losses(DiT model, Tensor x, Tensor y, Tensor t, Tensor noise, bool bfloat16)
    {
        // the scope covers the forward pass only: backward follows the casts it recorded
        using var precision = Autocast.BFloat16(bfloat16);
        return diffusion.TrainingLosses((xt, tt) => model.forward(xt, tt, y), x, t, noise);
    }

    private DiT Build()
    {
        using var drawing = GlobalGenerator.Hold(); // a grafted architecture's operators draw outside DiT's constructor
        return Architecture?.Invoke() ?? new DiT(config);
    }
}
