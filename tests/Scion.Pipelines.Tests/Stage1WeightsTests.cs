using Scion.Diffusion.Checkpoints;
using Scion.Grafting.Surgery;
using Scion.Pipelines.GraftDiT.Grafting;
using static TorchSharp.torch;

namespace Scion.Pipelines.Tests;

/// <summary>Stage 1's per-layer files: a layer reads only its own file, and a file may hold only its layer's keys.</summary>
public sealed class Stage1WeightsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scion-stage1-").FullName;
    private readonly GraftPlan plan = new(GraftMode.Operator, "hyena-x", [1, 3]);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(int layer, string key) =>
        StateDictFile.WriteSafetensors(Path.Combine(folder, Stage1Weights.FileName(layer)), new Dictionary<string, Tensor> { [key] = zeros(2, 2) });

    [Fact]
    public void Every_layer_reads_its_own_file()
    {
        Write(1, "blocks.1.attn.in_proj.weight");
        Write(3, "blocks.3.attn.in_proj.weight");
        var merged = Stage1Weights.Read(folder, plan);
        Assert.Equal(["blocks.1.attn.in_proj.weight", "blocks.3.attn.in_proj.weight"], merged.Keys.Order());
    }

    [Fact]
    public void A_file_holding_another_layers_weights_fails_naming_the_key()
    {
        Write(1, "blocks.1.attn.in_proj.weight");
        Write(3, "blocks.1.attn.in_proj.weight"); // layer 3 pointed at layer 1's checkpoint
        var error = Assert.Throws<CheckpointMismatchException>(() => Stage1Weights.Read(folder, plan));
        Assert.Contains("layer 3", error.Message);
        Assert.Contains("'blocks.1.attn.in_proj.weight'", error.Message);
    }

    [Fact]
    public void A_missing_layer_file_fails_naming_the_layer()
    {
        Write(1, "blocks.1.attn.in_proj.weight");
        var error = Assert.Throws<CheckpointMismatchException>(() => Stage1Weights.Read(folder, plan));
        Assert.Contains("layer 3 are missing", error.Message);
    }
}
