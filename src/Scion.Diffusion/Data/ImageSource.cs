using Scion.Artifacts;

namespace Scion.Diffusion.Data;

/// <summary>
/// A user's own images: a folder with one sub-folder per class (classes numbered in ordinal name order), or a
/// Parquet file with an image-bytes column and an integer label column. Unreadable images are skipped and listed.
/// </summary>
public static class ImageSource
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    public static LoadedImages Load(string path, int size)
    {
        if (Directory.Exists(path))
        {
            return FromFolder(path, size);
        }

        if (File.Exists(path) && path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return FromParquet(path, size);
        }

        throw new FileNotFoundException($"Image source '{path}' is neither a folder of class sub-folders nor a .parquet file.", path);
    }

    private static LoadedImages FromFolder(string root, int size)
    {
        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            throw new InvalidDataException($"Image folder '{root}' has no class sub-folders (expected ROOT/CLASS/image.png).");
        }

        var rows = new List<ImageRow>();
        var skipped = new List<string>();
        for (int label = 0; label < classes.Count; label++)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, classes[label])).Order(StringComparer.Ordinal))
            {
                if (!Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                {
                    continue;
                }

                Add(rows, skipped, File.ReadAllBytes(file), label, size, Path.GetRelativePath(root, file));
            }
        }

        return new LoadedImages(rows, classes, skipped);
    }

    /// <summary>A table with the dataset artifact's schema: <c>Png</c> (binary image bytes, any format Skia reads) and
    /// <c>Label</c> (int32); other columns are ignored.</summary>
    private static LoadedImages FromParquet(string path, int size)
    {
        IList<ImageRow> table;
        try
        {
            table = ParquetTable.Read<ImageRow>(path);
        }
        catch (Exception ex) when (ex is not IOException)
        {
            throw new InvalidDataException($"Parquet file '{path}' does not have the image table schema (Png: binary, Label: int32): {ex.Message}", ex);
        }

        var rows = new List<ImageRow>();
        var skipped = new List<string>();
        for (int i = 0; i < table.Count; i++)
        {
            Add(rows, skipped, table[i].Png ?? [], table[i].Label, size, $"row {i}");
        }

        int classes = table.Count == 0 ? 0 : table.Max(r => r.Label) + 1;
        return new LoadedImages(rows, Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), skipped);
    }

    private static void Add(List<ImageRow> rows, List<string> skipped, byte[] encoded, int label, int size, string where)
    {
        var rgb = encoded.Length == 0 ? null : ImageCodec.DecodeRgb(encoded, size);
        if (rgb is null)
        {
            skipped.Add(where);
            return;
        }

        rows.Add(new ImageRow { Png = ImageCodec.EncodePng(rgb, size, size), Label = label });
    }
}
