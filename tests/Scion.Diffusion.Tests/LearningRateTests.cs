using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;

namespace Scion.Diffusion.Tests;

public sealed class LearningRateTests
{
    private static TrainOptions Options(int steps, int warmup, LearningRateDecay decay) =>
        new(steps, 32, 1.0, WarmupSteps: warmup, Decay: decay);

    public sealed class Warmup
    {
        [Theory]
        [InlineData(LearningRateDecay.Constant)]
        [InlineData(LearningRateDecay.Cosine)]
        [InlineData(LearningRateDecay.Linear)]
        public void Rises_linearly_to_the_peak(LearningRateDecay decay)
        {
            var options = Options(110, 10, decay);
            Assert.Equal(0.1, LearningRateSchedule.At(1, options), 12);
            Assert.Equal(0.5, LearningRateSchedule.At(5, options), 12);
            Assert.Equal(1.0, LearningRateSchedule.At(10, options), 12);
        }
    }

    public sealed class Constant
    {
        [Fact]
        public void Stays_at_the_peak_after_warmup()
        {
            var options = Options(110, 10, LearningRateDecay.Constant);
            Assert.All(new[] { 11, 60, 110 }, step => Assert.Equal(1.0, LearningRateSchedule.At(step, options), 12));
        }
    }

    public sealed class Cosine
    {
        [Fact]
        public void Follows_half_a_cosine_from_the_peak_to_zero()
        {
            // 100 steps after a warm-up of 10: a quarter of the way (step 35) is (1 + cos(π/4)) / 2, halfway is 1/2.
            var options = Options(110, 10, LearningRateDecay.Cosine);
            Assert.Equal((1 + Math.Sqrt(0.5)) / 2, LearningRateSchedule.At(35, options), 12);
            Assert.Equal(0.5, LearningRateSchedule.At(60, options), 12);
            Assert.Equal(0.0, LearningRateSchedule.At(110, options), 12);
            var rates = Enumerable.Range(10, 101).Select(step => LearningRateSchedule.At(step, options)).ToList();
            Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second < pair.First));
        }
    }

    public sealed class Decaying
    {
        [Theory]
        [InlineData(LearningRateDecay.Cosine)]
        [InlineData(LearningRateDecay.Linear)]
        public void Reaches_the_trainer(LearningRateDecay decay)
        {
            // One step of a decaying schedule without warm-up is its last, at learning rate 0: the weights stay put,
            // where a constant rate moves them.
            var (images, labels, _) = ImageTensors.Decode(ShapesDataset.Generate(3, 0, 16, size: 16).ToList(), 16);
            var config = new DiTConfig(1, 32, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 10);
            bool Moved(LearningRateDecay schedule)
            {
                var start = new DiT(config); // the trainer takes it over and disposes it
                var before = start.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
                var result = new DiffusionTrainer(config, GaussianDiffusion.Create())
                    .Train(images, labels, new TrainOptions(1, 16, 1e-2, EmaDecay: 0, Decay: schedule), start);
                bool moved = result.Ema.state_dict().Any(p => !p.Value.allclose(before[p.Key], 0, 0));
                result.Ema.Dispose();
                return moved;
            }

            Assert.False(Moved(decay));
            Assert.True(Moved(LearningRateDecay.Constant));
        }
    }

    public sealed class Linear
    {
        [Fact]
        public void Falls_in_a_straight_line_from_the_peak_to_zero()
        {
            // 100 steps after a warm-up of 10: a quarter of the way (step 35) is 3/4, halfway 1/2, the last step 0,
            // and every step takes off the same 1/100.
            var options = Options(110, 10, LearningRateDecay.Linear);
            Assert.Equal(0.75, LearningRateSchedule.At(35, options), 12);
            Assert.Equal(0.5, LearningRateSchedule.At(60, options), 12);
            Assert.Equal(0.0, LearningRateSchedule.At(110, options), 12);
            var rates = Enumerable.Range(10, 101).Select(step => LearningRateSchedule.At(step, options)).ToList();
            Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.Equal(0.01, pair.First - pair.Second, 12));
        }
    }
}
