using System.IO.Hashing;
using System.Text;

namespace Scion.Caching;

/// <summary>
/// Content hashes of outputs: XxHash128 of a file's bytes (fast enough for multi-GB checkpoints);
/// a folder hashes its sorted relative paths, sizes and file hashes.
/// </summary>
public static class ContentHash
{
    public static string OfFile(string path)
    {
        var hasher = new XxHash128();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        hasher.Append(stream);
        return Convert.ToHexStringLower(hasher.GetCurrentHash());
    }

    /// <summary>Hash of a file or folder, and the files it covers (relative path, size) for cheap checks.</summary>
    public static (string Hash, List<FileRecord> Files) Of(string path)
    {
        if (File.Exists(path))
        {
            return (OfFile(path), [new FileRecord("", new FileInfo(path).Length)]);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"Nothing to hash at {path}.", path);
        }

        var files = ListFiles(path);
        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append(file.Path).Append('\0').Append(file.Size).Append('\0')
                .Append(OfFile(Path.Combine(path, file.Path))).Append('\n');
        }

        return (OfText(text.ToString()), files);
    }

    public static List<FileRecord> ListFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new FileRecord(Path.GetRelativePath(folder, f).Replace('\\', '/'), new FileInfo(f).Length))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

    public static string OfText(string text) => Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text)));
}
