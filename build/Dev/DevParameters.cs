using Scion.Parameters;

namespace Scion.Host.Dev;

public static class DevParameters
{
    public static readonly Parameter<string> TestFilter =
        Parameter.String("test.filter", "dotnet test --filter expression; empty runs every test");

    public static readonly Parameter<int> BenchRepeats =
        Parameter.Int("bench.repeats", "How many times each benchmark measurement is repeated (the median is reported)", min: 1, max: 50);

    public static readonly Parameter<int> BenchParquetRows =
        Parameter.Int("bench.parquet_rows", "Rows of the Parquet throughput table (8 float columns)", min: 1000, max: 100_000_000);

    public static readonly Parameter<int> BenchEvalSamples =
        Parameter.Int("bench.eval_samples", "Samples per set for the FD benchmark (PRDC uses up to 10,000 of them)", min: 100, max: 1_000_000);
}
