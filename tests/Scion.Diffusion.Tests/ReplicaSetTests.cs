using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class ReplicaSetTests
{
    // no label dropout: its draws are per replica, so only without it do one and two replicas see the same batch
    private static readonly DiTConfig Config = new(2, 32, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 10, ClassDropout: 0);

    private static (Tensor Images, Tensor Labels) Data()
    {
        var (images, labels, _) = ImageTensors.Decode(ShapesDataset.Generate(5, 0, 64, size: 16).ToList(), 16);
        return (images, labels);
    }

    private static TrainResult Train(int replicas, DiTConfig config, int steps = 12)
    {
        var (images, labels) = Data();
        return new DiffusionTrainer(config, GaussianDiffusion.Create())
            .Train(images, labels, new TrainOptions(steps, 16, 3e-3, 0.9, 2, Seed: 3, MinSnrGamma: 1, Replicas: replicas));
    }

    public sealed class Gradients
    {
        [Fact]
        public void Of_the_parts_sum_to_the_gradient_of_the_whole_batch()
        {
            var (images, labels) = Data();
            var diffusion = GaussianDiffusion.Create();
            var x = ImageTensors.ToModel(images[..12]);
            var y = labels[..12];
            var generator = new Generator(7);
            var t = randint(0, 1000, [12], generator: generator);
            var noise = randn(x.shape, generator: generator);
            (double Loss, float[] Grads) Run(int count)
            {
                manual_seed(1);
                using var replicas = new ReplicaSet(new DiT(Config), () => new DiT(Config), count, seed: 0);
                double loss = replicas.Backward(12, (model, start, n) =>
                {
                    using var terms = diffusion.TrainingLosses((xt, tt) => model.forward(xt, tt, y.narrow(0, start, n)),
                        x.narrow(0, start, n), t.narrow(0, start, n), noise.narrow(0, start, n));
                    return terms.Loss.mean();
                });
                return (loss, replicas.Primary.Grads.data<float>().ToArray());
            }

            var one = Run(1);
            var three = Run(3); // parts of 4 rows
            Assert.Equal(one.Loss, three.Loss, 1e-5);
            float scale = one.Grads.Max(Math.Abs);
            Assert.True(scale > 0);
            Assert.All(one.Grads.Zip(three.Grads), pair => Assert.Equal(pair.First, pair.Second, scale * 1e-4f));
        }

        [Fact]
        public void A_batch_smaller_than_the_replicas_fails_naming_both()
        {
            manual_seed(1);
            using var replicas = new ReplicaSet(new DiT(Config), () => new DiT(Config), 3, seed: 0);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => replicas.Backward(2, (_, _, _) => zeros(1, requires_grad: true).sum()));
            Assert.Contains("A batch of 2 cannot be split between 3 replicas", error.Message);
        }

        [Fact]
        public void A_replica_that_fails_fails_the_step_with_its_error()
        {
            manual_seed(1);
            using var replicas = new ReplicaSet(new DiT(Config), () => new DiT(Config), 2, seed: 0);
            var error = Assert.Throws<InvalidOperationException>(() => replicas.Backward(4, (_, start, _) =>
                start > 0 ? throw new ArgumentException("bad part") : zeros(1, requires_grad: true).sum()));
            Assert.Contains("bad part", error.Message);
        }
    }

    public sealed class Training
    {
        [Fact]
        public void With_two_replicas_follows_training_with_one()
        {
            var one = Train(1, Config);
            var two = Train(2, Config);
            Assert.All(one.Curve.Zip(two.Curve), pair => Assert.Equal(pair.First.Loss, pair.Second.Loss, 1e-4));
            Assert.All(TinyNet.Weights(one.Ema).Zip(TinyNet.Weights(two.Ema)), pair => Assert.Equal(pair.First, pair.Second, 2e-4f));
            Assert.NotEqual(TinyNet.Weights(one.Ema), TinyNet.Weights(new DiT(Config))); // it trained
            one.Ema.Dispose();
            two.Ema.Dispose();
        }

        [Fact]
        public void With_replicas_and_label_dropout_is_deterministic()
        {
            var config = Config with { ClassDropout = 0.5 };
            var first = Train(2, config, steps: 4);
            var second = Train(2, config, steps: 4);
            Assert.Equal(first.Curve, second.Curve);
            Assert.Equal(TinyNet.Weights(first.Ema), TinyNet.Weights(second.Ema));
            first.Ema.Dispose();
            second.Ema.Dispose();
        }

        [Fact]
        public void Restores_the_number_of_threads()
        {
            int before = get_num_threads();
            Train(2, Config, steps: 1).Ema.Dispose();
            Assert.Equal(before, get_num_threads());
        }
    }
}
