using System.Reflection;
using Parquet;
using Parquet.Schema;

namespace Scion.Artifacts;

/// <summary>
/// A fast path for reading flat tables of required numeric columns (int, long, float, double, bool):
/// whole columns are read into arrays and turned into rows by a compiled <see cref="RowBuilder{TRow}"/>,
/// several times faster than row-wise deserialisation. Other shapes return null and use the serializer.
/// </summary>
internal static class ColumnarReader
{
    public static async Task<IList<TRow>?> TryReadAsync<TRow>(Stream stream, CancellationToken cancel) where TRow : class, new()
    {
        var properties = typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        if (properties.Count == 0 || properties.Any(p => !IsSupported(p.PropertyType)))
        {
            return null;
        }

        await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancel);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (fields.Count != properties.Count || reader.Schema.Fields.Count != fields.Count)
        {
            return null;
        }

        foreach (var p in properties)
        {
            if (!fields.TryGetValue(p.Name, out var f) || f.IsNullable || f.IsArray || f.ClrType != p.PropertyType)
            {
                return null;
            }
        }

        long total = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            total += group.RowCount;
        }

        var rows = new TRow[total];
        var build = RowBuilder<TRow>.For(properties);
        int offset = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int count = checked((int)group.RowCount);
            var columns = new Array[properties.Count];
            for (int c = 0; c < properties.Count; c++)
            {
                var field = fields[properties[c].Name];
                columns[c] = properties[c].PropertyType switch
                {
                    var t when t == typeof(int) => await Column<int>(group, field, count, cancel),
                    var t when t == typeof(long) => await Column<long>(group, field, count, cancel),
                    var t when t == typeof(float) => await Column<float>(group, field, count, cancel),
                    var t when t == typeof(double) => await Column<double>(group, field, count, cancel),
                    _ => await Column<bool>(group, field, count, cancel),
                };
            }

            build(rows, columns, offset, count);
            offset += count;
        }

        return rows;
    }

    private static bool IsSupported(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(float) || type == typeof(double) || type == typeof(bool);

    private static async Task<Array> Column<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancel) where T : struct
    {
        var values = new T[count];
        await group.ReadAsync(field, values.AsMemory(), null, cancel);
        return values;
    }
}
