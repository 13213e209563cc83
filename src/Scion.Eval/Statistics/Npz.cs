using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Scion.Eval.Statistics;

/// <summary>
/// numpy's <c>.npy</c> (format 1.0–3.0; little-endian float64, float32, int64, int32; C or Fortran order) and
/// <c>.npz</c> (a zip of .npy files, stored or deflated), so that statistics move between Scion and the Python tools.
/// </summary>
public static partial class Npz
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static Dictionary<string, NpyArray> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"numpy file not found: {path}", path);
        }

        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            using var single = File.OpenRead(path);
            return new Dictionary<string, NpyArray> { [Path.GetFileNameWithoutExtension(path)] = ReadNpy(single, path) };
        }

        using var zip = ZipFile.OpenRead(path);
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".npy", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            buffer.Position = 0;
            arrays[entry.Name[..^4]] = ReadNpy(buffer, $"{path}:{entry.Name}");
        }

        return arrays;
    }

    /// <summary>Writes float64 arrays as an uncompressed .npz (what <c>numpy.savez</c> writes).</summary>
    public static void Write(string path, IReadOnlyDictionary<string, NpyArray> arrays)
    {
        string tmp = path + ".tmp";
        using (var zip = ZipFile.Open(tmp, ZipArchiveMode.Create))
        {
            foreach (var (name, array) in arrays)
            {
                using var stream = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
                WriteNpy(stream, array);
            }
        }

        File.Move(tmp, path, overwrite: true);
    }

    public static void WriteNpy(string path, NpyArray array)
    {
        using var stream = File.Create(path);
        WriteNpy(stream, array);
    }

    public static void WriteNpy(Stream stream, NpyArray array)
    {
        string shape = array.Shape.Length == 1 ? $"({array.Shape[0]},)" : "(" + string.Join(", ", array.Shape) + ")";
        string header = $"{{'descr': '{array.Descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = Magic.Length + 2 + 2 + header.Length + 1;
        header += new string(' ', (64 - (total % 64)) % 64) + "\n";
        stream.Write(Magic);
        stream.Write([1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (array.Descr == "|u1")
        {
            stream.Write(array.Values.Select(v => (byte)v).ToArray());
            return;
        }

        if (array.Descr != "<f8")
        {
            throw new NotSupportedException($"Writing numpy type '{array.Descr}' is not supported (<f8, |u1).");
        }

        var bytes = new byte[array.Values.Length * 8];
        Buffer.BlockCopy(array.Values, 0, bytes, 0, bytes.Length);
        stream.Write(bytes);
    }

    private static NpyArray ReadNpy(Stream stream, string where)
    {
        var reader = new BinaryReader(stream);
        if (!reader.ReadBytes(6).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{where} is not a .npy array (bad magic).");
        }

        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major == 1 ? reader.ReadUInt16() : (int)reader.ReadUInt32();
        string header = Encoding.ASCII.GetString(reader.ReadBytes(headerLength));
        string descr = Field(DescrPattern(), header, where, "descr");
        bool fortran = Field(FortranPattern(), header, where, "fortran_order") == "True";
        var shape = Field(ShapePattern(), header, where, "shape").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var values = descr switch
        {
            "<f8" => Convert<double>(reader, count, v => v),
            "<f4" => Convert<float>(reader, count, v => v),
            "<i8" => Convert<long>(reader, count, v => v),
            "<i4" => Convert<int>(reader, count, v => v),
            "|u1" => Convert<byte>(reader, count, v => v),
            _ => throw new InvalidDataException($"{where}: element type '{descr}' is not supported (float64, float32, int64, int32 little-endian)."),
        };
        if (fortran && shape.Length == 2)
        {
            values = Transpose(values, shape[1], shape[0]);
        }

        return new NpyArray(values, shape, descr == "|u1" ? descr : "<f8");
    }

    private static double[] Convert<T>(BinaryReader reader, long count, Func<T, double> widen) where T : unmanaged
    {
        int size = System.Runtime.InteropServices.Marshal.SizeOf<T>();
        var raw = reader.ReadBytes(checked((int)(count * size)));
        if (raw.Length != count * size)
        {
            throw new InvalidDataException($"numpy array is truncated: {raw.Length} of {count * size} bytes.");
        }

        var typed = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(raw);
        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = widen(typed[i]);
        }

        return values;
    }

    /// <summary>Fortran order stores a [r, c] array as its [c, r] transpose in C order.</summary>
    private static double[] Transpose(double[] values, long rows, long columns)
    {
        var result = new double[values.Length];
        for (long i = 0; i < rows; i++)
        {
            for (long j = 0; j < columns; j++)
            {
                result[(j * rows) + i] = values[(i * columns) + j];
            }
        }

        return result;
    }

    private static string Field(Regex pattern, string header, string where, string name)
    {
        var match = pattern.Match(header);
        return match.Success ? match.Groups[1].Value : throw new InvalidDataException($"{where}: .npy header has no '{name}': {header.Trim()}");
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
