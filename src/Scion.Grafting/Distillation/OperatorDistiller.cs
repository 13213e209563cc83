using Scion.Grafting.Surgery;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Grafting.Distillation;

/// <summary>
/// Stage 1 for one layer: trains the unit alone to regress the teacher's activations (AdamW, L1 by default), holds
/// out the last fraction of the samples, evaluates every few steps and keeps the checkpoint with the lowest
/// validation loss. Batches come from a generator seeded by <see cref="DistillOptions.Seed"/>; the unit's
/// initial weights are the caller's.
/// </summary>
public static class OperatorDistiller
{
    public static DistillResult Train(GraftUnit unit, LayerActivations data, DistillOptions options, Action<int>? progress = null)
    {
        if (!DistillOptions.Losses.Contains(options.Loss))
        {
            throw new ArgumentException($"Distillation loss '{options.Loss}' is not one of {string.Join(", ", DistillOptions.Losses)}.");
        }

        if (unit.NeedsConditioning && data.Conditioning is null)
        {
            throw new InvalidDataException($"Layer {unit.Layer}: a block pair needs the captured conditioning vectors, and the activations have none.");
        }

        long n = data.Count, validation = Math.Max(1, (long)Math.Round(n * options.ValidationFraction)), train = n - validation;
        if (train < 1)
        {
            throw new ArgumentException($"Layer {unit.Layer}: {n} captured samples leave none for training after holding out {validation}.");
        }

        var generator = new Generator((ulong)options.Seed + 17);
        using var optimizer = optim.AdamW(unit.Module.parameters(), lr: options.LearningRate, weight_decay: 0);
        var curve = new List<DistillPoint>();
        var best = (Step: 0, Loss: Evaluate(unit, data, train, n, options.Loss), State: unit.StateDict());
        curve.Add(new DistillPoint(0, double.NaN, best.Loss));
        double sum = 0;
        int counted = 0;
        for (int step = 1; step <= options.Steps; step++)
        {
            unit.Module.train();
            using (var scope = NewDisposeScope())
            {
                var index = randint(0, train, [Math.Min(options.BatchSize, train)], generator: generator);
                var loss = Loss(Predict(unit, data, index), data.Outputs.index_select(0, index), options.Loss);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<float>();
                counted++;
            }

            if (step % options.EvalEvery == 0 || step == options.Steps)
            {
                double validationLoss = Evaluate(unit, data, train, n, options.Loss);
                curve.Add(new DistillPoint(step, sum / counted, validationLoss));
                (sum, counted) = (0, 0);
                if (validationLoss < best.Loss)
                {
                    foreach (var t in best.State.Values)
                    {
                        t.Dispose();
                    }

                    best = (step, validationLoss, unit.StateDict());
                }
            }

            progress?.Invoke(step);
        }

        return new DistillResult(unit.Layer, best.State, best.Step, best.Loss, curve);
    }

    public static Tensor Loss(Tensor prediction, Tensor target, string kind) => kind switch
    {
        "l1" => nn.functional.l1_loss(prediction, target),
        "l2" => nn.functional.mse_loss(prediction, target),
        _ => nn.functional.smooth_l1_loss(prediction, target),
    };

    private static Tensor Predict(GraftUnit unit, LayerActivations data, Tensor index) =>
        unit.Forward(data.Inputs.index_select(0, index), data.Conditioning?.index_select(0, index));

    private static double Evaluate(GraftUnit unit, LayerActivations data, long from, long to, string kind)
    {
        unit.Module.eval();
        using var noGrad = no_grad();
        double total = 0;
        for (long start = from; start < to; start += 64)
        {
            using var scope = NewDisposeScope();
            var index = arange(start, Math.Min(to, start + 64));
            total += Loss(Predict(unit, data, index), data.Outputs.index_select(0, index), kind).item<float>() * index.shape[0];
        }

        return total / (to - from);
    }
}
