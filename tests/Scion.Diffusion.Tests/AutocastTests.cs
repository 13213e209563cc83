using Scion.Diffusion.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class AutocastTests
{
    public sealed class Scope
    {
        [Fact]
        public void Is_off_by_default_and_restores_the_outer_setting_when_disposed()
        {
            Assert.False(Autocast.IsBFloat16);
            using (Autocast.BFloat16())
            {
                Assert.True(Autocast.IsBFloat16);
                using (Autocast.BFloat16(enabled: false))
                {
                    Assert.False(Autocast.IsBFloat16);
                }

                Assert.True(Autocast.IsBFloat16);
            }

            Assert.False(Autocast.IsBFloat16);
        }

        [Fact]
        public void Belongs_to_the_thread_that_opened_it()
        {
            using var scope = Autocast.BFloat16();
            bool elsewhere = true;
            var thread = new Thread(() => elsewhere = Autocast.IsBFloat16);
            thread.Start();
            thread.Join();
            Assert.False(elsewhere);
        }
    }

    public sealed class Products
    {
        [Fact]
        public void Are_the_bfloat16_rounded_product_handed_back_as_float32()
        {
            var generator = new Generator(3);
            using var x = randn([64, 48], generator: generator);
            using var w = randn([32, 48], generator: generator);
            using var b = randn([32], generator: generator);
            using var exact = nn.functional.linear(x, w, b);
            using var plain = Autocast.Linear(x, w, b);
            Assert.True(plain.eq(exact).all().item<bool>()); // outside a scope: float32 as ever

            Tensor rounded;
            using (Autocast.BFloat16())
            {
                rounded = Autocast.Linear(x, w, b);
            }

            // closed form: inputs rounded to bfloat16 (8 significant bits), products summed in float32, result rounded once more
            using var bx = x.to(ScalarType.BFloat16).to(ScalarType.Float32);
            using var bw = w.to(ScalarType.BFloat16).to(ScalarType.Float32);
            using var bb = b.to(ScalarType.BFloat16).to(ScalarType.Float32);
            using var expected = nn.functional.linear(bx, bw, bb);
            Assert.Equal(ScalarType.Float32, rounded.dtype);
            Assert.True((rounded - expected).abs().le(expected.abs() * (1.0 / 128) + 1e-3).all().item<bool>());
            Assert.False(rounded.eq(exact).all().item<bool>());
            Assert.True(rounded.allclose(exact, rtol: 0.05, atol: 0.1));
            rounded.Dispose();
        }

        [Fact]
        public void Give_float32_gradients_to_float32_weights_close_to_the_float32_ones()
        {
            var config = new DiTConfig(Depth: 2, Hidden: 32, Heads: 4, Patch: 4, InputSize: 16, InChannels: 3, NumClasses: 5);
            manual_seed(2);
            using var model = new DiT(config);
            model.eval(); // no label dropout: both passes see the same labels
            using (no_grad())
            {
                // leave adaLN-Zero's zeros so that every product carries a gradient
                foreach (var p in model.parameters())
                {
                    p.add_(randn_like(p) * 0.05);
                }
            }

            var generator = new Generator(5);
            using var x = randn([4, 3, 16, 16], generator: generator);
            using var t = tensor(new long[] { 10, 200, 500, 900 });
            using var y = tensor(new long[] { 0, 1, 2, 3 });
            var full = Gradients(model, x, t, y, bfloat16: false);
            var mixed = Gradients(model, x, t, y, bfloat16: true);
            Assert.Contains(mixed, g => !g.Value.eq(full[g.Key]).all().item<bool>()); // the scope reached the model's products
            foreach (var (name, g) in mixed)
            {
                Assert.Equal(ScalarType.Float32, g.dtype);
                double cosine = (g * full[name]).sum().item<float>() / ((g.norm().item<float>() * full[name].norm().item<float>()) + 1e-12);
                Assert.True(cosine > 0.99, $"{name}: cosine {cosine:0.0000} between bfloat16 and float32 gradients");
            }
        }

        private static Dictionary<string, Tensor> Gradients(DiT model, Tensor x, Tensor t, Tensor y, bool bfloat16)
        {
            model.zero_grad();
            using (Autocast.BFloat16(bfloat16))
            {
                using var output = model.forward(x, t, y);
                using var loss = output.square().mean();
                loss.backward();
            }

            return model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        }
    }
}
