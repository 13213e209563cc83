using Scion.Diffusion.Data;
using Scion.Diffusion.Diffusion;
using Scion.Diffusion.Models;
using Scion.Diffusion.Training;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class DiffusionTests
{
    public sealed class Schedule
    {
        [Fact]
        public void Linear_betas_run_from_1e4_to_0_02_over_1000_steps()
        {
            var d = GaussianDiffusion.Create();
            Assert.Equal(1000, d.Steps);
            Assert.Equal(1e-4, d.Betas[0], 12);
            Assert.Equal(0.02, d.Betas[999], 12);
            Assert.Equal((0.02 - 1e-4) / 999, d.Betas[1] - d.Betas[0], 12);
            double product = 1;
            for (int i = 0; i < 1000; i++)
            {
                product *= 1 - d.Betas[i];
            }

            Assert.Equal(product, d.AlphasCumprod[999], 12);
            Assert.InRange(d.AlphasCumprod[999], 4.0e-5, 4.1e-5); // ᾱ_T of the DiT schedule ≈ 4.04e-5
        }

        [Fact]
        public void Respacing_keeps_the_cumulative_alphas_of_the_kept_steps()
        {
            var full = GaussianDiffusion.Create();
            var spaced = full.Respace(250);
            Assert.Equal(250, spaced.Steps);
            Assert.Equal(0, spaced.TimestepMap[0]);
            Assert.Equal(999, spaced.TimestepMap[^1]);
            for (int i = 0; i < spaced.Steps; i++)
            {
                Assert.Equal(full.AlphasCumprod[spaced.TimestepMap[i]], spaced.AlphasCumprod[i], 10);
            }
        }

        [Fact]
        public void The_posterior_variance_has_its_closed_form()
        {
            var d = GaussianDiffusion.Create();
            int t = 500;
            double expected = d.Betas[t] * (1 - d.AlphasCumprod[t - 1]) / (1 - d.AlphasCumprod[t]);
            Assert.Equal(expected, d.PosteriorVariance[t], 14);
            Assert.Equal(Math.Log(d.PosteriorVariance[1]), d.PosteriorLogVarianceClipped[0], 14);
        }
    }

    public sealed class Terms
    {
        [Fact]
        public void QSample_mixes_image_and_noise_with_the_schedule_s_weights()
        {
            var d = GaussianDiffusion.Create();
            using var x0 = tensor(new[] { 0.5f, -0.25f }).reshape(2, 1, 1, 1);
            using var noise = tensor(new[] { 1.5f, 2f }).reshape(2, 1, 1, 1);
            using var xt = d.QSample(x0, tensor(new long[] { 300, 999 }), noise);
            Assert.Equal((Math.Sqrt(d.AlphasCumprod[300]) * 0.5) + (Math.Sqrt(1 - d.AlphasCumprod[300]) * 1.5), xt[0].item<float>(), 5);
            Assert.Equal((Math.Sqrt(d.AlphasCumprod[999]) * -0.25) + (Math.Sqrt(1 - d.AlphasCumprod[999]) * 2), xt[1].item<float>(), 5);
        }

        [Fact]
        public void Normal_KL_is_zero_for_equal_gaussians_and_matches_the_closed_form()
        {
            using var zero = GaussianMath.NormalKl(tensor(0.3f), tensor(-1f), tensor(0.3f), tensor(-1f));
            Assert.Equal(0, zero.item<float>(), 6);
            // KL(N(0,1) ‖ N(1, e²)) = ln e − 1/2 + (1 + 1) / (2e²)
            using var kl = GaussianMath.NormalKl(tensor(0f), tensor(0f), tensor(1f), tensor(2f));
            Assert.Equal(1 - 0.5 + (2 / (2 * Math.E * Math.E)), kl.item<float>(), 5);
        }

        [Fact]
        public void A_sharp_gaussian_on_the_pixel_gives_likelihood_one()
        {
            using var x = tensor(new[] { -1f, 0f, 1f });
            using var ll = GaussianMath.DiscretizedLogLikelihood(x, x, full([3], -8f));
            Assert.All(ll.data<float>().ToArray(), v => Assert.Equal(0, v, 4));
        }

        [Fact]
        public void Min_snr_weights_are_gamma_over_snr_where_the_snr_exceeds_gamma_and_one_elsewhere()
        {
            var d = GaussianDiffusion.Create();
            var w = d.MinSnrWeights(5);
            // t = 0: ᾱ = 1 − 1e-4, SNR = 0.9999 / 1e-4 = 9999; t = 999: SNR ≈ 4e-5 < 5
            Assert.Equal(5.0 / 9999.0, w[0], 7);
            Assert.Equal(1.0, w[999]);
            int crossing = Enumerable.Range(0, 1000).First(i => d.AlphasCumprod[i] / (1 - d.AlphasCumprod[i]) < 5);
            Assert.True(w[crossing - 1] < 1);
            Assert.Equal(1.0, w[crossing]);
            Assert.Throws<ArgumentOutOfRangeException>(() => d.MinSnrWeights(0));
        }

        [Fact]
        public void V_prediction_weights_the_x0_error_like_eps_prediction_min_snr()
        {
            var d = GaussianDiffusion.Create();
            var eps = d.MinSnrWeights(5);
            var v = GaussianDiffusion.Create(target: PredictionTarget.Velocity).MinSnrWeights(5);
            double Snr(int t) => d.AlphasCumprod[t] / (1 - d.AlphasCumprod[t]);
            // SNR(t=0) = 9999: 5 / (9999 + 1); at t = 999, SNR ≈ 4.04e-5 < 5: SNR / (SNR + 1)
            Assert.Equal(5.0 / 10000.0, v[0], 9);
            Assert.Equal(Snr(999) / (Snr(999) + 1), v[999], 12);
            // ‖v − v̂‖² = (1 + SNR)‖x₀ − x̂₀‖² and ‖ε − ε̂‖² = SNR‖x₀ − x̂₀‖²: the same min(SNR, γ) weight on x₀ either way
            for (int t = 0; t < 1000; t += 111)
            {
                Assert.Equal(eps[t] * Snr(t), v[t] * (1 + Snr(t)), 9);
            }
        }

        [Fact]
        public void The_velocity_has_its_closed_form_and_the_true_one_gives_back_x0_and_the_noise()
        {
            var d = GaussianDiffusion.Create(learnSigma: false, target: PredictionTarget.Velocity);
            using var x0 = tensor(new[] { 0.5f, -0.25f }).reshape(2, 1, 1, 1);
            using var noise = tensor(new[] { 1.5f, 2f }).reshape(2, 1, 1, 1);
            using var t = tensor(new long[] { 300, 999 });
            using var v = d.Velocity(x0, t, noise);
            double a = Math.Sqrt(d.AlphasCumprod[300]), s = Math.Sqrt(1 - d.AlphasCumprod[300]);
            Assert.Equal((a * 1.5) - (s * 0.5), v[0].item<float>(), 5);
            using var xt = d.QSample(x0, t, noise);
            using var p = d.PMeanVariance(v, xt, t, clipDenoised: false);
            Assert.True(p.X0.allclose(x0, 1e-4, 1e-4), p.X0.ToString(TorchSharp.TensorStringStyle.Julia));
            Assert.True(p.Eps.allclose(noise, 1e-4, 1e-4), p.Eps.ToString(TorchSharp.TensorStringStyle.Julia));
            using var losses = d.TrainingLosses((_, _) => v.alias(), x0, t, noise);
            Assert.Equal(0, losses.Mse.abs().max().item<float>(), 6);
        }

        [Fact]
        public void Prediction_targets_parse_from_their_parameter_spellings()
        {
            Assert.Equal(PredictionTarget.Velocity, PredictionTargets.Parse("v"));
            Assert.Equal(PredictionTarget.Epsilon, PredictionTargets.Parse("epsilon"));
            var error = Assert.Throws<ArgumentException>(() => PredictionTargets.Parse("x0"));
            Assert.Contains("'x0'", error.Message);
        }

        [Fact]
        public void The_bound_is_the_decoder_nll_at_t0_and_the_kl_elsewhere_row_by_row()
        {
            var d = GaussianDiffusion.Create();
            var generator = new Generator(4);
            using var scope = NewDisposeScope();
            var x0 = (rand([4, 3, 2, 2], generator: generator) * 2) - 1;
            var xt = randn([4, 3, 2, 2], generator: generator);
            var output = (rand([4, 6, 2, 2], generator: generator) * 2) - 1;
            var t = tensor(new long[] { 0, 7, 0, 999 });
            var bound = d.VariationalBound(output, x0, xt, t);
            var p = d.PMeanVariance(output, xt, t, clipDenoised: false);
            var (trueMean, trueLogVar) = d.QPosterior(x0, xt, t);
            var kl = GaussianMath.NormalKl(trueMean, trueLogVar, p.Mean, p.LogVariance).mean([1, 2, 3]) / Math.Log(2);
            var nll = -GaussianMath.DiscretizedLogLikelihood(x0, p.Mean, 0.5 * p.LogVariance).mean([1, 2, 3]) / Math.Log(2);
            float[] expected = [nll[0].item<float>(), kl[1].item<float>(), nll[2].item<float>(), kl[3].item<float>()];
            Assert.Equal(expected, bound.data<float>().ToArray());
            Assert.NotEqual(nll[1].item<float>(), kl[1].item<float>()); // the two terms differ, so the choice is seen

            using var noZero = d.VariationalBound(output[1..2], x0[1..2], xt[1..2], t[1..2]);
            Assert.Equal(kl[1].item<float>(), noZero.item<float>()); // a batch without t = 0 never needs the likelihood
        }

        [Fact]
        public void Learned_variance_interpolates_between_the_posterior_and_beta()
        {
            var d = GaussianDiffusion.Create();
            using var xt = zeros(2, 1, 2, 2);
            using var t = tensor(new long[] { 10, 10 });
            using var output2 = cat([zeros(2, 1, 2, 2), cat([full([1, 1, 2, 2], -1f), full([1, 1, 2, 2], 1f)], 0)], 1);
            using var p = d.PMeanVariance(output2, xt, t, clipDenoised: false);
            Assert.Equal(d.PosteriorLogVarianceClipped[10], p.LogVariance[0, 0, 0, 0].item<float>(), 4);
            Assert.Equal(Math.Log(d.Betas[10]), p.LogVariance[1, 0, 0, 0].item<float>(), 4);
        }
    }

    public sealed class Sampling
    {
        private static DiT TinyModel()
        {
            manual_seed(5);
            var model = new DiT(new DiTConfig(2, 32, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 4));
            using var noGrad = no_grad();
            foreach (var p in model.parameters())
            {
                p.normal_(0, 0.05);
            }

            return model;
        }

        [Theory]
        [InlineData(SamplerKind.Ddpm)]
        [InlineData(SamplerKind.Ddim)]
        public void The_same_seed_gives_the_same_images_and_another_seed_others(SamplerKind kind)
        {
            using var model = TinyModel();
            var d = GaussianDiffusion.Create();
            using var a = new Sampler(model, d) { Steps = 8, Kind = kind, GuidanceScale = 3, Seed = 11 }.Sample([0, 1, 2]);
            using var b = new Sampler(model, d) { Steps = 8, Kind = kind, GuidanceScale = 3, Seed = 11 }.Sample([0, 1, 2]);
            using var c = new Sampler(model, d) { Steps = 8, Kind = kind, GuidanceScale = 3, Seed = 12 }.Sample([0, 1, 2]);
            Assert.Equal([3, 3, 16, 16], a.shape);
            Assert.Equal(0f, (a - b).abs().max().item<float>());
            Assert.True((a - c).abs().max().item<float>() > 1e-3);
        }

        [Theory]
        [InlineData(SamplerKind.Ddpm)]
        [InlineData(SamplerKind.Ddim)]
        public void Live_tensors_do_not_grow_with_the_steps(SamplerKind kind)
        {
            // A step that keeps one tensor alive keeps a batch of images per step: 1.8 GB for 600 guided 32×32
            // images over 250 steps (part of why a deeper teacher ran out of memory mid-sampling).
            using var model = TinyModel();
            var live = new List<long>();
            using var samples = new Sampler(model, GaussianDiffusion.Create())
            {
                Steps = 12, Kind = kind, GuidanceScale = 3, Seed = 11,
                OnStep = (_, _) => live.Add(TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount),
            }.Sample([0, 1, 2]);
            Assert.True(live[^1] == live[1], $"live tensors after each step: {string.Join(", ", live)}");
        }

        [Fact]
        public void Guidance_moves_the_noise_prediction_away_from_the_unconditional_one()
        {
            using var model = TinyModel();
            model.eval();
            using var x = randn(2, 3, 16, 16);
            using var t = tensor(new long[] { 500, 500 });
            using var y = tensor(new long[] { 1, model.NullClass });
            using var plain = model.forward(x[..1].repeat(2, 1, 1, 1), t, y);
            using var guided = model.ForwardWithGuidance(x, t, y, scale: 4, guidedChannels: 3);
            using var expected = plain[1..2, ..3] + 4 * (plain[..1, ..3] - plain[1..2, ..3]);
            Assert.True(guided[..1, ..3].allclose(expected, 1e-4, 1e-5));
            Assert.True(guided[1..2, ..3].allclose(expected, 1e-4, 1e-5));
            Assert.True(guided[.., 3..].allclose(plain[.., 3..], 1e-5, 1e-6)); // the variance channels are not guided
        }
    }

    public sealed class Training
    {
        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        public void A_few_hundred_steps_on_the_embedded_data_lower_the_loss(bool bfloat16, bool muon)
        {
            var rows = ShapesDataset.Generate(3, 0, 400, size: 16).ToList();
            var (images, labels, skipped) = ImageTensors.Decode(rows, 16);
            Assert.Equal(0, skipped);
            var config = new DiTConfig(2, 48, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 10);
            var result = new DiffusionTrainer(config, GaussianDiffusion.Create()).Train(images, labels, new TrainOptions(200, 32, 2e-3, 0.99, 20, Seed: 1, BFloat16Matmuls: bfloat16, Muon: muon));
            double first = result.Curve.Take(20).Average(c => c.Loss), last = result.Curve.TakeLast(40).Average(c => c.Loss);
            Assert.True(last < first * 0.6, $"loss went from {first:0.000} to {last:0.000}");
            result.Ema.Dispose();
        }

        [Fact]
        public void Min_snr_weighting_reaches_the_loss_the_trainer_minimises()
        {
            // Same seed → same initial weights, batch, timesteps and noise; weights ≤ 1 and < 1 for the cleanest steps,
            // so the first step's weighted loss must be strictly below the unweighted one.
            var (images, labels, _) = ImageTensors.Decode(ShapesDataset.Generate(3, 0, 64, size: 16).ToList(), 16);
            var config = new DiTConfig(1, 32, 4, 4, InputSize: 16, InChannels: 3, NumClasses: 10);
            double First(double gamma)
            {
                var result = new DiffusionTrainer(config, GaussianDiffusion.Create()).Train(images, labels, new TrainOptions(1, 64, 1e-3, Seed: 4, MinSnrGamma: gamma));
                result.Ema.Dispose();
                return result.Curve[0].Loss;
            }

            double plain = First(0), weighted = First(5);
            Assert.True(weighted < plain, $"weighted {weighted} vs plain {plain}");
            Assert.True(weighted > 0);
        }

        [Theory]
        [InlineData(SamplerKind.Ddim)]
        [InlineData(SamplerKind.Ddpm)]
        public void Training_then_sampling_recovers_a_class_conditional_toy_distribution(SamplerKind kind)
        {
            // class 0: dark images, class 1: bright ones; the whole train → sample path must reproduce that. With v-prediction
            // (the embedded teacher's); with ε-prediction one of the four samples still had the wrong class after 300 steps.
            var pixels = new byte[64 * 3 * 8 * 8];
            var labels = new long[64];
            for (int i = 0; i < 64; i++)
            {
                labels[i] = i % 2;
                Array.Fill(pixels, labels[i] == 0 ? (byte)25 : (byte)230, i * 192, 192);
            }

            using var images = tensor(pixels, [64, 3, 8, 8], dtype: uint8);
            using var y = tensor(labels);
            var config = new DiTConfig(2, 32, 4, 2, InputSize: 8, InChannels: 3, NumClasses: 2, Target: PredictionTarget.Velocity);
            var result = new DiffusionTrainer(config, GaussianDiffusion.For(config)).Train(images, y, new TrainOptions(300, 32, 3e-3, 0.9, 20, Seed: 2));
            using var samples = new Sampler(result.Ema, GaussianDiffusion.For(config)) { Steps = 25, Kind = kind, GuidanceScale = 2, Seed = 4 }.Sample([0, 1, 0, 1]);
            var means = Enumerable.Range(0, 4).Select(i => samples[i].mean().item<float>()).ToArray();
            Assert.True(means[0] < -0.4 && means[2] < -0.4 && means[1] > 0.4 && means[3] > 0.4, string.Join(", ", means));
            result.Ema.Dispose();
        }
    }
}
