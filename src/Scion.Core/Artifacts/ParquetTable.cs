using Parquet;
using Parquet.Serialization;

namespace Scion.Artifacts;

/// <summary>Typed rows to and from Parquet files (Parquet.Net), readable by any standard Parquet reader.</summary>
public static class ParquetTable
{
    /// <summary>Rows per row group: large enough for throughput, small enough to bound memory.</summary>
    public const int RowGroupSize = 256 * 1024;

    public static async Task WriteAsync<TRow>(string path, IEnumerable<TRow> rows, bool append = false, CancellationToken cancel = default)
        where TRow : class, new()
    {
        var options = new ParquetOptions { Append = append, RowGroupSize = RowGroupSize };
        await using var stream = new FileStream(path, append ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        await ParquetSerializer.SerializeAsync(rows, stream, options, null, cancel);
    }

    public static void Write<TRow>(string path, IEnumerable<TRow> rows) where TRow : class, new() =>
        WriteAsync(path, rows).GetAwaiter().GetResult();

    public static async Task<IList<TRow>> ReadAsync<TRow>(string path, CancellationToken cancel = default) where TRow : class, new()
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"Parquet table not found: {path}", path);
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var columnar = await ColumnarReader.TryReadAsync<TRow>(stream, cancel);
        if (columnar is not null)
        {
            return columnar;
        }

        stream.Position = 0;
        return (await ParquetSerializer.DeserializeAsync<TRow>(stream, cancellationToken: cancel)).Data;
    }

    public static IList<TRow> Read<TRow>(string path) where TRow : class, new() => ReadAsync<TRow>(path).GetAwaiter().GetResult();
}
