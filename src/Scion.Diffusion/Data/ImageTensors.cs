using static TorchSharp.torch;

namespace Scion.Diffusion.Data;

/// <summary>Between image rows and tensors: pixels in [−1, 1], channels first.</summary>
public static class ImageTensors
{
    /// <summary>Decodes rows into a uint8 tensor [N, 3, size, size] and a label tensor; unreadable rows are counted, not fatal.</summary>
    public static (Tensor Images, Tensor Labels, int Skipped) Decode(IReadOnlyList<ImageRow> rows, int size)
    {
        var pixels = new byte[rows.Count * 3 * size * size];
        var labels = new List<long>(rows.Count);
        int n = 0, skipped = 0;
        foreach (var row in rows)
        {
            var rgb = ImageCodec.DecodeRgb(row.Png, size);
            if (rgb is null)
            {
                skipped++;
                continue;
            }

            // HWC → CHW
            int plane = size * size, offset = n * 3 * plane;
            for (int i = 0; i < plane; i++)
            {
                pixels[offset + i] = rgb[3 * i];
                pixels[offset + plane + i] = rgb[(3 * i) + 1];
                pixels[offset + (2 * plane) + i] = rgb[(3 * i) + 2];
            }

            labels.Add(row.Label);
            n++;
        }

        var images = tensor(pixels.AsSpan(0, n * 3 * size * size).ToArray(), [n, 3, size, size], dtype: uint8);
        return (images, tensor(labels.ToArray(), dtype: int64), skipped);
    }

    /// <summary>uint8 [B, 3, H, W] → float [−1, 1].</summary>
    public static Tensor ToModel(Tensor bytes) => bytes.to_type(float32) / 127.5f - 1f;

    /// <summary>float [−1, 1] → uint8 [B, 3, H, W], quantised as a PNG of the image would be.</summary>
    public static Tensor ToBytes(Tensor images)
    {
        using var scope = NewDisposeScope();
        return ((images.clamp(-1, 1) + 1) * 127.5).round().to_type(uint8).MoveToOuterDisposeScope();
    }

    /// <summary>float [−1, 1] [B, 3, H, W] → RGB bytes per image (HWC).</summary>
    public static List<byte[]> ToRgb(Tensor images)
    {
        using var scope = NewDisposeScope();
        var bytes = ToBytes(images).permute(0, 2, 3, 1).contiguous();
        var flat = bytes.data<byte>().ToArray();
        int per = (int)(bytes.shape[1] * bytes.shape[2] * bytes.shape[3]);
        return Enumerable.Range(0, (int)bytes.shape[0]).Select(i => flat.AsSpan(i * per, per).ToArray()).ToList();
    }

    /// <summary>A PNG grid of images [B, 3, H, W] in [−1, 1], <paramref name="columns"/> per row, 2-px gutters.</summary>
    public static byte[] Grid(Tensor images, int columns)
    {
        var rgbs = ToRgb(images);
        int h = (int)images.shape[2], w = (int)images.shape[3], gap = 2;
        int rows = (rgbs.Count + columns - 1) / columns;
        int width = (columns * (w + gap)) + gap, height = (rows * (h + gap)) + gap;
        var canvas = new byte[width * height * 3];
        Array.Fill(canvas, (byte)255);
        for (int k = 0; k < rgbs.Count; k++)
        {
            int x0 = gap + ((k % columns) * (w + gap)), y0 = gap + ((k / columns) * (h + gap));
            for (int y = 0; y < h; y++)
            {
                Array.Copy(rgbs[k], y * w * 3, canvas, (((y0 + y) * width) + x0) * 3, w * 3);
            }
        }

        return ImageCodec.EncodePng(canvas, width, height);
    }
}
