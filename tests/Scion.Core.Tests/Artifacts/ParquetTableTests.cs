using Parquet;
using Parquet.Schema;
using Scion.Artifacts;
using Scion.TestHost;

namespace Scion.Core.Tests.Artifacts;

public sealed class ParquetTableTests
{
    [Fact]
    public async Task Typed_rows_read_back_with_the_same_values()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scion-{Guid.NewGuid():N}.parquet");
        var rows = Enumerable.Range(0, 1000).Select(i => new NumberRow { Index = i, Value = i / 3.0, Name = $"row {i}", Vector = [i, i * 2f] }).ToList();
        try
        {
            await ParquetTable.WriteAsync(path, rows);
            var back = await ParquetTable.ReadAsync<NumberRow>(path);
            Assert.Equal(rows.Count, back.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal((rows[i].Index, rows[i].Value, rows[i].Name), (back[i].Index, back[i].Value, back[i].Name));
                Assert.Equal(rows[i].Vector, back[i].Vector);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_file_is_standard_parquet_with_one_column_per_property()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scion-{Guid.NewGuid():N}.parquet");
        try
        {
            await ParquetTable.WriteAsync(path, [new NumberRow { Index = 7, Value = 1.5, Name = "x", Vector = [1f] }]);
            Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(path)[..4]);
            await using var reader = await ParquetReader.CreateAsync(path);
            var fields = reader.Schema.Fields;
            Assert.Equal(["Index", "Value", "Name", "Vector"], fields.Select(f => f.Name));
            Assert.Equal(typeof(int), ((DataField)fields[0]).ClrType);
            Assert.Equal(typeof(double), ((DataField)fields[1]).ClrType);
            Assert.Contains(((DataField)fields[2]).ClrType, new[] { typeof(string), typeof(ReadOnlyMemory<char>) }); // a UTF-8 string column
            Assert.Equal(1, reader.RowGroupCount);
            using var group = reader.OpenRowGroupReader(0);
            var index = new int[1];
            await group.ReadAsync(reader.Schema.GetDataFields()[0], index.AsMemory(), null, CancellationToken.None);
            Assert.Equal(7, index[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Numeric_tables_over_several_row_groups_read_back_exactly_through_the_columnar_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scion-{Guid.NewGuid():N}.parquet");
        int count = ParquetTable.RowGroupSize + 1000;
        var rows = Enumerable.Range(0, count).Select(i => new NumericRow { I = i, L = -i * 3L, F = i / 7f, D = i / 11.0, B = i % 3 == 0 }).ToList();
        try
        {
            await ParquetTable.WriteAsync(path, rows);
            await using (var reader = await ParquetReader.CreateAsync(path))
            {
                Assert.Equal(2, reader.RowGroupCount);
                Assert.All(reader.Schema.GetDataFields(), f => Assert.False(f.IsNullable)); // so the columnar path applies
            }

            var back = await ParquetTable.ReadAsync<NumericRow>(path);
            Assert.Equal(count, back.Count);
            for (int i = 0; i < count; i += 997)
            {
                Assert.Equal((rows[i].I, rows[i].L, rows[i].F, rows[i].D, rows[i].B), (back[i].I, back[i].L, back[i].F, back[i].D, back[i].B));
            }

            Assert.Equal(rows[^1].D, back[^1].D);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public sealed class NumericRow
    {
        public int I { get; set; }

        public long L { get; set; }

        public float F { get; set; }

        public double D { get; set; }

        public bool B { get; set; }
    }

    [Fact]
    public async Task Appending_adds_row_groups()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scion-{Guid.NewGuid():N}.parquet");
        try
        {
            await ParquetTable.WriteAsync(path, [new NumberRow { Index = 1 }]);
            await ParquetTable.WriteAsync(path, [new NumberRow { Index = 2 }], append: true);
            Assert.Equal([1, 2], (await ParquetTable.ReadAsync<NumberRow>(path)).Select(r => r.Index));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_table_artifact_written_by_a_task_is_what_the_next_task_reads()
    {
        using var ws = new TestWorkspace();
        await ws.RunAsync("--target=Scale", "--param=demo.rows=5");
        var scaled = await ParquetTable.ReadAsync<NumberRow>(Path.Combine(ws.Task("Scale").EntryFolder!, "outputs", "scaled.parquet"));
        Assert.Equal([0, 1, 2, 3, 4], scaled.Select(r => r.Value)); // i * 0.5 * 2
    }

    [Fact]
    public void Safetensors_round_trip_keeps_shapes_and_values()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scion-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafetensorsFile.Write(path, new Dictionary<string, SafetensorsFile.Tensor>
            {
                ["w"] = new([2, 3], [1, 2, 3, 4, 5, 6]),
                ["b"] = new([3], [0.5f, -1, 2]),
            });
            var back = SafetensorsFile.Read(path);
            Assert.Equal([2L, 3L], back["w"].Shape);
            Assert.Equal([1f, 2, 3, 4, 5, 6], back["w"].Data);
            Assert.Equal([0.5f, -1, 2], back["b"].Data);
            Assert.Equal(0, (BitConverter.ToInt64(File.ReadAllBytes(path), 0) + 8) % 8);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
