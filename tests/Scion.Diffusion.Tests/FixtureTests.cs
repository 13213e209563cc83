using System.Text.Json;
using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Latents;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

/// <summary>Against files PyTorch wrote (tests/fixtures/make_fixtures.py, Debian's python3-torch): not our own output.</summary>
public sealed class FixtureTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    private static JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(Fixture(name))).RootElement;

    private static Tensor Tensor(JsonElement json, string name) => tensor(
        json.GetProperty(name).EnumerateArray().Select(v => v.GetSingle()).ToArray(),
        json.GetProperty(name + "_shape").EnumerateArray().Select(v => v.GetInt64()).ToArray());

    [Fact]
    public void A_DiT_state_dict_saved_by_torch_save_under_ema_loads_strictly_with_its_values()
    {
        var state = StateDictFile.Read(Fixture("tiny_dit_ema.pt"));
        using var model = DiTCheckpoint.Load(state, "tiny_dit_ema.pt", heads: 4);
        var expected = Json("tiny_dit.json");
        Assert.Equal(expected.GetProperty("depth").GetInt32(), model.Config.Depth);
        Assert.Equal(expected.GetProperty("input_size").GetInt32(), model.Config.InputSize);
        Assert.Equal(expected.GetProperty("classes").GetInt32(), model.Config.NumClasses);
        Assert.True(model.Config.LearnSigma);
        var loaded = model.state_dict();
        foreach (var sum in expected.GetProperty("sums").EnumerateObject())
        {
            Assert.Equal(sum.Value.GetDouble(), loaded[sum.Name].to_type(float64).sum().item<double>(), 4);
        }
    }

    [Fact]
    public void The_ONNX_VAE_gives_the_outputs_PyTorch_computed()
    {
        var json = Json("tiny_vae.json");
        using var vae = new OnnxVae(Fixture("tiny_vae_decoder.onnx"), Fixture("tiny_vae_encoder.onnx"), scale: 1.0);
        using var decoded = vae.Decode(Tensor(json, "latent"));
        using var expectedImages = Tensor(json, "decoded");
        Assert.Equal([2, 3, 16, 16], decoded.shape);
        Assert.True(decoded.allclose(expectedImages, 1e-4, 1e-5));
        using var latents = vae.Encode(Tensor(json, "image"));
        using var moments = Tensor(json, "moments");
        Assert.True(latents.allclose(moments[.., ..4], 1e-4, 1e-5));
    }

    [Fact]
    public void The_VAE_scale_divides_latents_before_decoding()
    {
        var json = Json("tiny_vae.json");
        using var scaled = new OnnxVae(Fixture("tiny_vae_decoder.onnx"), scale: 0.18215);
        using var latent = Tensor(json, "latent");
        using var decoded = scaled.Decode(latent * 0.18215);
        Assert.True(decoded.allclose(Tensor(json, "decoded"), 1e-4, 1e-5));
    }

    [Fact]
    public void A_missing_model_file_and_a_wrong_channel_count_are_clear_errors()
    {
        Assert.Throws<FileNotFoundException>(() => new OnnxVae("/nonexistent/decoder.onnx"));
        using var vae = new OnnxVae(Fixture("tiny_vae_decoder.onnx"));
        var error = Assert.Throws<InvalidDataException>(() => vae.Decode(zeros(1, 3, 2, 2)));
        Assert.Contains("takes 4 channels, got 3", error.Message);
    }
}
