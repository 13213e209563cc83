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
    }
}
