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
        public void Uncast_products_are_the_bfloat16_values_that_Linear_casts_back()
        {
            var generator = new Generator(4);
            using var layer = nn.Linear(24, 16);
            using var x = randn([8, 24], generator: generator);
            using (Autocast.BFloat16())
            {
                using var uncast = Autocast.LinearUncast(layer, x);
                using var cast = Autocast.Linear(layer, x);
                using var fromBFloat16 = Autocast.Linear(x.to(ScalarType.BFloat16), layer.weight!, layer.bias);
                Assert.Equal(ScalarType.BFloat16, uncast.dtype);
                Assert.True(uncast.to(ScalarType.Float32).eq(cast).all().item<bool>());
                Assert.True(fromBFloat16.eq(cast).all().item<bool>()); // bfloat16 input is taken as it is
            }

            using var outside = Autocast.LinearUncast(layer, x);
            using var exact = layer.forward(x);
            Assert.Equal(ScalarType.Float32, outside.dtype);
            Assert.True(outside.eq(exact).all().item<bool>());
        }

        [Fact]
        public void The_mlp_keeps_bfloat16_between_its_layers_with_the_values_and_gradients_of_casting_back()
        {
            // GELU on bfloat16 computes in float32 and rounds, which is what fc2's rounding of a float32 GELU did
            manual_seed(6);
            using var mlp = new Mlp(32, 128);
            var fc1 = (TorchSharp.Modules.Linear)mlp.named_children().Single(c => c.name == "fc1").module;
            var fc2 = (TorchSharp.Modules.Linear)mlp.named_children().Single(c => c.name == "fc2").module;
            using var x = randn([4, 16, 32], generator: new Generator(7)).requires_grad_(true);
            using var bfloat16 = Autocast.BFloat16();

            using var output = mlp.forward(x);
            output.square().sum().backward();
            var grads = new[] { x.grad!.clone(), fc1.weight!.grad!.clone(), fc2.weight!.grad!.clone() };
            mlp.zero_grad();
            x.grad!.zero_();

            using var hidden = Autocast.Linear(fc1, x);
            using var reference = Autocast.Linear(fc2, nn.functional.gelu(hidden, TorchSharp.Modules.GELU.Approximate.tanh));
            reference.square().sum().backward();
            Assert.Equal(ScalarType.Float32, output.dtype);
            Assert.True(output.eq(reference).all().item<bool>());
            Assert.True(grads[0].eq(x.grad!).all().item<bool>());
            Assert.True(grads[1].eq(fc1.weight!.grad!).all().item<bool>());
            Assert.True(grads[2].eq(fc2.weight!.grad!).all().item<bool>());
        }

        [Fact]
        public void Attention_multiplies_in_bfloat16_close_to_float32()
        {
            manual_seed(8);
            using var attention = new Attention(64, 4);
            using var x = randn([2, 16, 64], generator: new Generator(9));
            using var exact = attention.forward(x);
            Tensor mixed;
            using (Autocast.BFloat16())
            {
                mixed = attention.forward(x);
            }

            Assert.Equal(ScalarType.Float32, mixed.dtype);
            Assert.False(mixed.eq(exact).all().item<bool>());
            double error = (mixed - exact).abs().max().item<float>(), scale = exact.abs().max().item<float>();
            Assert.True(error < 0.02 * scale, $"largest error {error:0.0000} against values up to {scale:0.000}");
            mixed.Dispose();
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
