using Scion.Diffusion.Data;
using SkiaSharp;

namespace Scion.Diffusion.Tests;

public sealed class DataTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scion-data-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_embedded_dataset_is_deterministic_balanced_and_not_one_colour_per_class()
    {
        var a = ShapesDataset.Generate(4, 0, 50).ToList();
        var b = ShapesDataset.Generate(4, 0, 50).ToList();
        Assert.Equal(a.Select(r => Convert.ToBase64String(r.Png)), b.Select(r => Convert.ToBase64String(r.Png)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(5, a.Count(r => r.Label == c)));
        Assert.NotEqual(a[0].Png, ShapesDataset.Generate(5, 0, 1).Single().Png);

        // the mean colour of class 0 varies from image to image: colour alone does not give the class
        var means = a.Where(r => r.Label == 0).Select(r => ImageCodec.DecodeRgb(r.Png, 32)!.Select(v => (double)v).Average()).ToList();
        Assert.True(means.Max() - means.Min() > 20, string.Join(", ", means));
    }

    [Fact]
    public void An_image_folder_loads_by_class_and_skips_unreadable_files()
    {
        foreach (string cls in new[] { "cats", "dogs" })
        {
            Directory.CreateDirectory(Path.Combine(folder, cls));
            for (int i = 0; i < 3; i++)
            {
                File.WriteAllBytes(Path.Combine(folder, cls, $"{i}.png"), ShapesDataset.Draw(i, i, size: 48));
            }
        }

        File.WriteAllText(Path.Combine(folder, "dogs", "broken.png"), "not an image");
        File.WriteAllText(Path.Combine(folder, "dogs", "notes.txt"), "ignored: not an image extension");
        var loaded = ImageSource.Load(folder, 32);
        Assert.Equal(["cats", "dogs"], loaded.ClassNames);
        Assert.Equal(6, loaded.Rows.Count);
        Assert.Equal([0, 0, 0, 1, 1, 1], loaded.Rows.Select(r => r.Label));
        Assert.Equal([Path.Combine("dogs", "broken.png")], loaded.Skipped);
        using var bitmap = SKBitmap.Decode(loaded.Rows[0].Png);
        Assert.Equal(32, bitmap.Width); // resized from 48
    }

    [Fact]
    public void A_parquet_table_of_images_loads_and_bad_rows_are_skipped()
    {
        string path = Path.Combine(folder, "images.parquet");
        Scion.Artifacts.ParquetTable.Write(path, new[]
        {
            new ImageRow { Png = ShapesDataset.Draw(1, 1), Label = 1 },
            new ImageRow { Png = [1, 2, 3], Label = 0 },
            new ImageRow { Png = ShapesDataset.Draw(2, 2), Label = 2 },
        });
        var loaded = ImageSource.Load(path, 32);
        Assert.Equal(2, loaded.Rows.Count);
        Assert.Equal(["row 1"], loaded.Skipped);
        Assert.Equal(3, loaded.ClassNames.Count);
    }

    [Fact]
    public void A_source_that_is_neither_folder_nor_parquet_is_an_error_naming_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ImageSource.Load(Path.Combine(folder, "nothing.zip"), 32));
        Assert.Contains("nothing.zip", error.Message);
    }
}
