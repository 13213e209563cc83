using System.Diagnostics;
using Scion.Artifacts;
using Scion.Host.Dev;

namespace Scion.Host.Bench;

/// <summary>Write and read throughput of a typed Parquet table (8 float columns) through the artifact API.</summary>
internal sealed class ParquetBenchmark(DevContext context)
{
    public async Task<IReadOnlyList<string>> RunAsync()
    {
        int rows = context.Get(DevParameters.BenchParquetRows);
        int repeats = context.Get(DevParameters.BenchRepeats);
        var random = new Random(1);
        var table = new BenchRow[rows];
        for (int i = 0; i < rows; i++)
        {
            table[i] = new BenchRow
            {
                A = random.NextSingle(), B = random.NextSingle(), C = random.NextSingle(), D = random.NextSingle(),
                E = random.NextSingle(), F = random.NextSingle(), G = random.NextSingle(), H = random.NextSingle(),
            };
        }

        string path = Path.Combine(context.ScratchPath, "bench.parquet");
        double megabytes = rows * 8 * 4 / 1e6;
        var writes = new List<double>();
        var reads = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            await ParquetTable.WriteAsync(path, table);
            writes.Add(megabytes / watch.Elapsed.TotalSeconds);
            watch.Restart();
            var back = await ParquetTable.ReadAsync<BenchRow>(path);
            reads.Add(megabytes / watch.Elapsed.TotalSeconds);
            if (back.Count != rows || back[rows - 1].H != table[rows - 1].H)
            {
                throw new InvalidOperationException("The Parquet table did not read back as written.");
            }
        }

        double write = writes.Order().ElementAt(writes.Count / 2), read = reads.Order().ElementAt(reads.Count / 2);
        context.Metric("parquet.write_mb_s", write, "MB/s");
        context.Metric("parquet.read_mb_s", read, "MB/s");
        return
        [
            $"parquet: {rows:N0} rows x 8 float columns ({megabytes:0.0} MB raw, file {new FileInfo(path).Length / 1e6:0.0} MB): write {write:0} MB/s, read {read:0} MB/s (medians of {repeats}; target >= 100 MB/s each way)",
            $"parquet first write/read (includes JIT): {writes[0]:0} / {reads[0]:0} MB/s",
        ];
    }

    public sealed class BenchRow
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
        public float E { get; set; }
        public float F { get; set; }
        public float G { get; set; }
        public float H { get; set; }
    }
}
