using SkiaSharp;

namespace Scion.Diffusion.Data;

/// <summary>Decodes, squares and resizes images, and writes RGB bytes back to PNG.</summary>
public static class ImageCodec
{
    /// <summary>RGB bytes (H·W·3, row-major) of an encoded image, centre-cropped to a square and resized to
    /// <paramref name="size"/>; null when the bytes are not a readable image.</summary>
    public static byte[]? DecodeRgb(byte[] encoded, int size)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data); // null when Skia recognises no image format
        using var decoded = codec is null ? null : SKBitmap.Decode(codec);
        if (decoded is null || decoded.Width == 0 || decoded.Height == 0)
        {
            return null;
        }

        int side = Math.Min(decoded.Width, decoded.Height);
        using var square = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!decoded.ExtractSubset(square, SKRectI.Create((decoded.Width - side) / 2, (decoded.Height - side) / 2, side, side)))
        {
            return null;
        }

        using var converted = square.Copy(SKColorType.Rgba8888);
        using var resized = side == size ? converted.Copy() : converted.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul),
            new SKSamplingOptions(SKCubicResampler.CatmullRom));
        if (resized is null)
        {
            return null;
        }

        var rgb = new byte[size * size * 3];
        var pixels = resized.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            rgb[3 * i] = pixels[i].Red;
            rgb[(3 * i) + 1] = pixels[i].Green;
            rgb[(3 * i) + 2] = pixels[i].Blue;
        }

        return rgb;
    }

    /// <summary>PNG of RGB bytes (H·W·3).</summary>
    public static byte[] EncodePng(byte[] rgb, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = new SKColor[width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = new SKColor(rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2], 255);
        }

        bitmap.Pixels = pixels;
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
