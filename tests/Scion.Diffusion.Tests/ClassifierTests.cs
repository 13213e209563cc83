using Scion.Diffusion.Vision;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class ClassifierTests
{
    public sealed class Seeding
    {
        [Fact]
        public void A_seed_fixes_the_initial_weights_whatever_used_the_global_generator_before()
        {
            manual_seed(1);
            using var a = new ShapeClassifier(10, seed: 7);
            manual_seed(2);
            using var noise = randn(1000); // other work before the classifier is built
            using var b = new ShapeClassifier(10, seed: 7);
            using var c = new ShapeClassifier(10, seed: 8);
            var pa = a.parameters().ToList();
            var pb = b.parameters().ToList();
            var pc = c.parameters().ToList();
            Assert.All(pa.Zip(pb), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
            Assert.False(pa.Zip(pc).All(p => p.First.eq(p.Second).all().item<bool>()));
        }

        [Fact]
        public void Seeded_weights_follow_pytorch_s_default_bounds()
        {
            // conv1 weight [16, 3, 3, 3]: fan_in 27; head [10, 64]: fan_in 64; each bias takes its weight's fan_in
            using var model = new ShapeClassifier(10, seed: 3);
            var state = model.state_dict();
            foreach (var (key, fanIn) in new[] { ("features.0.weight", 27), ("features.0.bias", 27), ("head.weight", 64), ("head.bias", 64) })
            {
                double bound = 1 / Math.Sqrt(fanIn), largest = state[key].abs().max().item<float>();
                Assert.InRange(largest, 0.8 * bound, bound);
            }
        }
    }
}
