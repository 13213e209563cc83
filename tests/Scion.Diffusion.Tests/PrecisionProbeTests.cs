using Scion.Diffusion.Models;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class PrecisionProbeTests
{
    public sealed class Measuring
    {
        [Fact]
        public void Gives_a_finite_positive_ratio_and_leaves_the_thread_count_and_precision_as_they_were()
        {
            int threads = get_num_threads();
            double speedup = PrecisionProbe.BFloat16Speedup(rows: 256, inner: 32, outer: 64, threads: 1, repeats: 3);
            Assert.True(double.IsFinite(speedup) && speedup > 0, $"speedup {speedup}");
            Assert.Equal(threads, get_num_threads());
            Assert.False(Autocast.IsBFloat16);
        }

        [Fact]
        public void Names_a_shape_it_cannot_measure()
        {
            var error = Assert.Throws<ArgumentException>(() => PrecisionProbe.BFloat16Speedup(0, 32, 64));
            Assert.Contains("[0, 32] × [64, 32]", error.Message);
            error = Assert.Throws<ArgumentException>(() => PrecisionProbe.BFloat16Speedup(8, 32, 64, repeats: 0));
            Assert.Contains("0 repeats", error.Message);
        }
    }

    public sealed class Choosing
    {
        [Theory]
        [InlineData(1.9, true)] // a step with AMX
        [InlineData(1.2, true)]
        [InlineData(1.19, false)]
        [InlineData(0.7, false)] // AVX512-BF16 alone, as seen here
        public void Takes_bfloat16_only_when_it_is_clearly_faster(double speedup, bool expected) =>
            Assert.Equal(expected, PrecisionProbe.Choose(speedup));
    }
}
