using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Scion.Artifacts;

/// <summary>
/// The safetensors format (8-byte little-endian header length, JSON header, raw little-endian data),
/// for float32 arrays. Torch modules go through TorchSharp.PyBridge in Scion.Torch; this reader and
/// writer serve artifacts that are plain arrays and let any tool check a file without loading Torch.
/// </summary>
public static class SafetensorsFile
{
    public sealed record Tensor(long[] Shape, float[] Data);

    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var header = new SortedDictionary<string, object>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            long expected = tensor.Shape.Aggregate(1L, (a, b) => a * b);
            if (expected != tensor.Data.Length)
            {
                throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(",", tensor.Shape)}] but {tensor.Data.Length} values.");
            }

            long bytes = tensor.Data.Length * 4L;
            header[name] = new { dtype = "F32", shape = tensor.Shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
        int padded = (json.Length + 7) / 8 * 8; // the format aligns data to 8 bytes with trailing spaces
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++)
        {
            stream.WriteByte((byte)' ');
        }

        foreach (var (_, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            stream.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
        }
    }

    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        Span<byte> length = stackalloc byte[8];
        stream.ReadExactly(length);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(length);
        if (headerLength > (ulong)(stream.Length - 8))
        {
            throw new InvalidDataException($"{path}: safetensors header length {headerLength} exceeds the file size.");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(headerBytes));
        long dataStart = 8 + (long)headerLength;
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                continue;
            }

            string dtype = entry.Value.GetProperty("dtype").GetString()!;
            if (dtype != "F32")
            {
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' is {dtype}; this reader handles F32 only.");
            }

            long[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            long[] offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var data = new float[(offsets[1] - offsets[0]) / 4];
            stream.Position = dataStart + offsets[0];
            stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
            result[entry.Name] = new Tensor(shape, data);
        }

        return result;
    }
}
