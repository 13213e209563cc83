using SkiaSharp;

namespace Scion.Diffusion.Data;

/// <summary>
/// The embedded default data: ten classes of shapes at 32×32 RGB that a small DiT can learn on a CPU. The class
/// is the shape only; position, size, rotation-free jitter, colour, background (solid or gradient) and pixel
/// noise are random, so colour alone does not tell the class. Image <c>i</c> of seed <c>s</c> is always the same.
/// </summary>
public static class ShapesDataset
{
    public static readonly string[] ClassNames =
        ["disc", "square", "triangle", "ring", "plus", "h-stripes", "v-stripes", "diamond", "two-dots", "x-cross"];

    public static int Classes => ClassNames.Length;

    /// <summary>Rows <paramref name="start"/>.. of a dataset of labels cycling over the classes.</summary>
    public static IEnumerable<ImageRow> Generate(long seed, int start, int count, int size = 32)
    {
        for (int i = start; i < start + count; i++)
        {
            long imageSeed = (seed * 1_000_003L) + i;
            int label = i % Classes;
            yield return new ImageRow { Png = Draw(label, imageSeed, size), Label = label, Seed = imageSeed };
        }
    }

    /// <summary>One image of class <paramref name="label"/> drawn from <paramref name="imageSeed"/>, PNG-encoded.</summary>
    public static byte[] Draw(int label, long imageSeed, int size = 32)
    {
        var random = new Random(unchecked((int)(imageSeed ^ (imageSeed >> 32))));
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            var (background, foreground) = Colours(random);
            PaintBackground(canvas, random, background, size);
            using var paint = new SKPaint { Color = foreground, IsAntialias = true, Style = SKPaintStyle.Fill };
            float scale = size / 32f;
            float extent = (10 + (float)random.NextDouble() * 12) * scale; // shape size 10..22 px at 32²
            float cx = extent / 2 + (float)random.NextDouble() * (size - extent);
            float cy = extent / 2 + (float)random.NextDouble() * (size - extent);
            DrawShape(canvas, paint, label, cx, cy, extent / 2);
        }

        AddNoise(bitmap, random, sigma: 6);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static (SKColor Background, SKColor Foreground) Colours(Random random)
    {
        // Random hues for both; the lightness differs enough that the shape is always visible.
        bool darkBackground = random.NextDouble() < 0.5;
        var background = SKColor.FromHsl((float)random.NextDouble() * 360, 20 + (float)random.NextDouble() * 60,
            darkBackground ? 10 + (float)random.NextDouble() * 25 : 65 + (float)random.NextDouble() * 25);
        var foreground = SKColor.FromHsl((float)random.NextDouble() * 360, 40 + (float)random.NextDouble() * 60,
            darkBackground ? 60 + (float)random.NextDouble() * 30 : 10 + (float)random.NextDouble() * 35);
        return (background, foreground);
    }

    private static void PaintBackground(SKCanvas canvas, Random random, SKColor background, int size)
    {
        if (random.NextDouble() < 0.5)
        {
            canvas.Clear(background);
            return;
        }

        var other = background.WithRed((byte)Math.Clamp(background.Red + random.Next(-40, 41), 0, 255))
            .WithGreen((byte)Math.Clamp(background.Green + random.Next(-40, 41), 0, 255))
            .WithBlue((byte)Math.Clamp(background.Blue + random.Next(-40, 41), 0, 255));
        using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(size * (float)random.NextDouble(), size),
            [background, other], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        canvas.DrawRect(0, 0, size, size, paint);
    }

    private static void DrawShape(SKCanvas canvas, SKPaint paint, int label, float cx, float cy, float r)
    {
        switch (label)
        {
            case 0:
                canvas.DrawCircle(cx, cy, r, paint);
                break;
            case 1:
                canvas.DrawRect(cx - r * 0.85f, cy - r * 0.85f, r * 1.7f, r * 1.7f, paint);
                break;
            case 2:
                Polygon(canvas, paint, (cx, cy - r), (cx + r, cy + r * 0.8f), (cx - r, cy + r * 0.8f));
                break;
            case 3:
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = Math.Max(2f, r * 0.35f);
                canvas.DrawCircle(cx, cy, r - paint.StrokeWidth / 2, paint);
                break;
            case 4:
                canvas.DrawRect(cx - r, cy - r * 0.25f, 2 * r, r * 0.5f, paint);
                canvas.DrawRect(cx - r * 0.25f, cy - r, r * 0.5f, 2 * r, paint);
                break;
            case 5:
                for (int k = 0; k < 3; k++)
                {
                    canvas.DrawRect(cx - r, cy - r + (k * r * 0.8f), 2 * r, r * 0.4f, paint);
                }

                break;
            case 6:
                for (int k = 0; k < 3; k++)
                {
                    canvas.DrawRect(cx - r + (k * r * 0.8f), cy - r, r * 0.4f, 2 * r, paint);
                }

                break;
            case 7:
                Polygon(canvas, paint, (cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy));
                break;
            case 8:
                canvas.DrawCircle(cx - r * 0.55f, cy, r * 0.42f, paint);
                canvas.DrawCircle(cx + r * 0.55f, cy, r * 0.42f, paint);
                break;
            default:
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = Math.Max(2f, r * 0.4f);
                canvas.DrawLine(cx - r, cy - r, cx + r, cy + r, paint);
                canvas.DrawLine(cx - r, cy + r, cx + r, cy - r, paint);
                break;
        }
    }

    private static void Polygon(SKCanvas canvas, SKPaint paint, params (float X, float Y)[] points)
    {
        using var path = new SKPath();
        path.MoveTo(points[0].X, points[0].Y);
        foreach (var (x, y) in points.Skip(1))
        {
            path.LineTo(x, y);
        }

        path.Close();
        canvas.DrawPath(path, paint);
    }

    private static void AddNoise(SKBitmap bitmap, Random random, double sigma)
    {
        var pixels = bitmap.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            pixels[i] = new SKColor(Jitter(p.Red), Jitter(p.Green), Jitter(p.Blue), 255);
        }

        bitmap.Pixels = pixels;

        byte Jitter(byte v)
        {
            // Box-Muller: one Gaussian sample per channel
            double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return (byte)Math.Clamp(Math.Round(v + (g * sigma)), 0, 255);
        }
    }
}
