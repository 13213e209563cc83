using System.Text;
using System.Text.Json;
using Scion.Artifacts;
using Scion.Caching;
using Scion.Json;
using Scion.Running;

namespace Scion.Core.Tests.Running;

public sealed class RunRecordJsonTests
{
    // Everything the writer must get right: nulls, NaN and infinities, non-ASCII and HTML-sensitive text,
    // dictionary keys kept as written, enums as text, offsets in dates.
    private static readonly RunRecord Sample = new(
        "20261128-010203-abcd",
        ["GraftDiT", "Other"],
        ["GraftDiT"],
        new DateTimeOffset(2026, 11, 28, 1, 2, 3, 456, TimeSpan.FromHours(1)),
        12.5,
        "./build.sh --target=GraftDiT --param=a=<b & 'c'>",
        "cpu",
        null,
        false,
        [new ParameterRecord("teacher.lr", "0.003", "params.toml", "Peak learning rate — AdamW")],
        [
            new TaskRecord("Train", "GraftDiT", "Trains é", ["Data"], "Executed", 0.25, "", "k1",
                new Dictionary<string, string> { ["Data/Images"] = "h1", ["Zeta/X"] = "absent" },
                [new OutputRecord("weights", ArtifactKind.Tensors, "weights.safetensors", "h2", 1234567890123,
                    [new FileRecord("", 1234567890123)])],
                [new MetricRecord("fd", 1.0 / 3.0, ""), new MetricRecord("nan", double.NaN, "x"),
                    new MetricRecord("up", double.PositiveInfinity, ""), new MetricRecord("down", double.NegativeInfinity, "")],
                ["parameter teacher.lr changed from 0.001 to 0.003"], "/cache/k1"),
            new TaskRecord("Skipped", "GraftDiT", "", [], "Skipped", 0, "not run", null,
                new Dictionary<string, string>(), [], [], [], null),
        ]);

    [Fact]
    public void Writes_exactly_what_the_source_generated_serialiser_writes()
    {
        using var ours = new MemoryStream();
        RunRecordJson.Write(ours, Sample);
        using var theirs = new MemoryStream();
        JsonSerializer.Serialize(theirs, Sample, ScionJson.Info<RunRecord>());
        Assert.Equal(Encoding.UTF8.GetString(theirs.ToArray()), Encoding.UTF8.GetString(ours.ToArray()));
    }

    [Fact]
    public void Reads_back_through_the_serialiser_with_the_same_values()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scion-run-{Guid.NewGuid():N}.json");
        try
        {
            ScionJson.WriteAtomic(path, stream => RunRecordJson.Write(stream, Sample), durable: false);
            var back = ScionJson.Read<RunRecord>(path)!;
            Assert.Equal(Sample.Started, back.Started);
            Assert.Null(back.Profile);
            Assert.Equal(Sample.Tasks[0].Inputs, back.Tasks[0].Inputs);
            Assert.True(double.IsNaN(back.Tasks[0].Metrics[1].Value));
            Assert.Equal(double.NegativeInfinity, back.Tasks[0].Metrics[3].Value);
            Assert.Equal(ArtifactKind.Tensors, back.Tasks[0].Outputs[0].Kind);
            Assert.Equal(1234567890123, back.Tasks[0].Outputs[0].Files[0].Size);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
