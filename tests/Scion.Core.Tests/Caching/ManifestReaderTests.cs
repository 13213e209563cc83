using System.Text.Json;
using Scion.Artifacts;
using Scion.Caching;
using Scion.Json;

namespace Scion.Core.Tests.Caching;

public sealed class ManifestReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scion-manifest-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CacheEntry Sample()
    {
        var signature = new TaskSignature("Train", 3,
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["train.lr"] = "0.001", ["train.steps"] = "200" },
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Data/images.parquet"] = "abc123" },
            ["model.safetensors:Tensors", "shards:Folder"]);
        return new CacheEntry(signature.Key, signature, new DateTimeOffset(2026, 11, 27, 21, 0, 0, 123, TimeSpan.Zero), 12.5,
            [
                new OutputRecord("model", ArtifactKind.Tensors, "model.safetensors", "h1", 4096, [new FileRecord("", 4096)]),
                new OutputRecord("shards", ArtifactKind.Folder, "shards", "h2", 30, [new FileRecord("a/0.tar", 10), new FileRecord("b/1.tar", 20)]),
            ],
            [new MetricRecord("loss", 0.25, ""), new MetricRecord("diverged", double.NaN, ""), new MetricRecord("fd", double.PositiveInfinity, "")]);
    }

    [Fact]
    public void Reads_back_every_field_the_serialiser_wrote()
    {
        var written = Sample();
        string path = Path.Combine(folder, "manifest.json");
        ScionJson.WriteAtomic(path, written);

        var read = ManifestReader.ReadEntry(path);

        Assert.Equal(written.Key, read.Key);
        Assert.Equal(written.Signature.CanonicalText(), read.Signature.CanonicalText());
        Assert.Equal(written.Created, read.Created);
        Assert.Equal(written.DurationSeconds, read.DurationSeconds);
        Assert.Equal(written.Outputs.Count, read.Outputs.Count);
        for (int i = 0; i < written.Outputs.Count; i++)
        {
            var (w, r) = (written.Outputs[i], read.Outputs[i]);
            Assert.Equal((w.Name, w.Kind, w.RelativePath, w.Hash, w.Size), (r.Name, r.Kind, r.RelativePath, r.Hash, r.Size));
            Assert.Equal(w.Files, r.Files);
        }

        Assert.Equal(written.Metrics, read.Metrics);
    }

    [Fact]
    public void Reads_a_saved_signature()
    {
        var signature = Sample().Signature;
        string path = Path.Combine(folder, "Train.json");
        ScionJson.WriteAtomic(path, signature);
        Assert.Equal(signature.Key, ManifestReader.ReadSignature(path).Key);
    }

    [Fact]
    public void A_missing_field_names_the_field()
    {
        string path = Path.Combine(folder, "manifest.json");
        ScionJson.WriteAtomic(path, Sample());
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"durationSeconds\"", "\"duration\""));
        var error = Assert.Throws<JsonException>(() => ManifestReader.ReadEntry(path));
        Assert.Contains("durationSeconds", error.Message);
    }
}
