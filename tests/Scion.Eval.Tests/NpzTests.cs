using Scion.Eval.Statistics;
using static TorchSharp.torch;

namespace Scion.Eval.Tests;

public sealed class NpzTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scion-npz-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Statistics_round_trip_through_npz()
    {
        manual_seed(1);
        using var stats = FeatureStatistics.Of(randn([50, 6], dtype: float64), "embedded");
        string path = Path.Combine(folder, "ref.npz");
        StatisticsFile.Write(path, stats);
        using var read = StatisticsFile.Read(path, "something else");
        Assert.Equal("embedded", read.Encoder); // the file's own record wins
        Assert.True(read.Mu.equal(stats.Mu).all().item<bool>());
        Assert.True(read.Sigma.equal(stats.Sigma).all().item<bool>());
        Assert.Equal(50, read.Count);
    }

    [Fact]
    public void A_compressed_npz_written_by_numpy_reads_with_fortran_order_and_float32()
    {
        using var stats = StatisticsFile.Read(Path.Combine(AppContext.BaseDirectory, "fixtures", "stats_numpy.npz"), "dinov2");
        Assert.Equal("dinov2", stats.Encoder); // numpy's file does not name one: the caller's name is used
        Assert.Equal([0.0, 0.5, 1.0], stats.Mu.data<double>().ToArray());
        Assert.Equal(0.25, stats.Sigma[1, 2].item<double>());
        Assert.Equal(0.25, stats.Sigma[2, 1].item<double>());
        Assert.Equal(3.0, stats.Sigma[2, 2].item<double>());
    }

    [Fact]
    public void A_file_without_mu_and_sigma_names_what_it_has()
    {
        string path = Path.Combine(folder, "other.npz");
        Npz.Write(path, new Dictionary<string, NpyArray> { ["features"] = new([1, 2], [2]) });
        var error = Assert.Throws<InvalidDataException>(() => StatisticsFile.Read(path, "x"));
        Assert.Contains("it has: features", error.Message);
    }
}
