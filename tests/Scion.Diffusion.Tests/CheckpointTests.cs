using Scion.Diffusion.Checkpoints;
using Scion.Diffusion.Models;
using static TorchSharp.torch;

namespace Scion.Diffusion.Tests;

public sealed class CheckpointTests : IDisposable
{
    private static readonly DiTConfig Config = new(Depth: 2, Hidden: 32, Heads: 4, Patch: 4, InputSize: 16, InChannels: 4, NumClasses: 7);

    private readonly string folder = Directory.CreateTempSubdirectory("scion-ckpt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static DiT Trained()
    {
        manual_seed(9);
        var model = new DiT(Config);
        using var noGrad = no_grad();
        foreach (var p in model.parameters())
        {
            p.normal_(0, 0.05);
        }

        return model;
    }

    private static Tensor Output(DiT model)
    {
        model.eval();
        // Its own generator: test classes run in parallel, and another's draw from the global one would change x.
        using var generator = new Generator(1);
        using var x = randn(2, 4, 16, 16, generator: generator);
        return model.forward(x, tensor(new long[] { 3, 900 }), tensor(new long[] { 0, 6 }));
    }

    [Theory]
    [InlineData("model.pt")]
    [InlineData("model.safetensors")]
    public void A_state_dict_with_the_official_keys_round_trips_and_loads_strictly(string file)
    {
        using var original = Trained();
        string path = Path.Combine(folder, file);
        var state = original.state_dict();
        if (file.EndsWith(".pt", StringComparison.Ordinal))
        {
            StateDictFile.WritePyTorch(path, state);
        }
        else
        {
            StateDictFile.WriteSafetensors(path, state);
        }

        var read = StateDictFile.Read(path);
        Assert.Equal(state.Keys.Order(), read.Keys.Order());
        Assert.Contains("blocks.1.adaLN_modulation.1.weight", read.Keys);
        using var loaded = DiTCheckpoint.Load(read, path, heads: 4);
        Assert.Equal(Config with { ClassDropout = 0.1 }, loaded.Config);
        using var a = Output(original);
        using var b = Output(loaded);
        Assert.Equal(0f, (a - b).abs().max().item<float>());
    }

    [Fact]
    public void A_wrong_shape_names_the_key_and_both_shapes()
    {
        using var model = new DiT(Config);
        var state = Trained().state_dict();
        state["blocks.0.attn.qkv.weight"] = zeros(96, 16);
        var error = Assert.Throws<CheckpointMismatchException>(() => StrictLoader.Load(model, state, "bad.pt"));
        Assert.Contains("'blocks.0.attn.qkv.weight' has shape [96, 16] in the file, the model expects [96, 32]", error.Message);
    }

    [Fact]
    public void Missing_and_unexpected_keys_are_named_and_nothing_is_loaded()
    {
        using var model = new DiT(Config);
        using var before = model.state_dict()["blocks.1.mlp.fc1.weight"].clone();
        var state = Trained().state_dict();
        state.Remove("final_layer.linear.bias");
        state["blocks.1.attn.extra"] = zeros(3);
        var error = Assert.Throws<CheckpointMismatchException>(() => StrictLoader.Load(model, state, "bad.pt"));
        Assert.Contains("missing 'final_layer.linear.bias' (model expects [128])", error.Message);
        Assert.Contains("unexpected 'blocks.1.attn.extra' [3]", error.Message);
        Assert.True(model.state_dict()["blocks.1.mlp.fc1.weight"].equal(before).all().item<bool>());
    }

    [Fact]
    public void A_missing_file_and_a_non_checkpoint_give_clear_errors()
    {
        Assert.Throws<FileNotFoundException>(() => StateDictFile.Read(Path.Combine(folder, "none.pt")));
        string junk = Path.Combine(folder, "junk.pt");
        File.WriteAllText(junk, "not a zip");
        var error = Assert.ThrowsAny<Exception>(() => StateDictFile.Read(junk));
        Assert.Contains("junk.pt", error.Message);
    }
}
