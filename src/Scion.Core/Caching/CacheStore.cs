using Scion.Artifacts;
using Scion.Json;

namespace Scion.Caching;

/// <summary>
/// The content-addressed store: <c>entries/ab/abcd…/</c> holds <c>manifest.json</c> and <c>outputs/</c>.
/// Outputs are staged in <c>tmp/</c> and the staged folder is renamed into place in one step, so an
/// entry either exists complete or not at all, whatever happens to the process that wrote it.
/// </summary>
public sealed class CacheStore
{
    public const string OutputsFolder = "outputs";
    public const string ManifestFile = "manifest.json";

    public CacheStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string EntryFolder(string key) => Path.Combine(Root, "entries", key[..2], key);

    public string RunsFolder => Path.Combine(Root, "runs");

    public string HistoryFolder => Path.Combine(Root, "history");

    private string TmpFolder => Path.Combine(Root, "tmp");

    /// <summary>Finds the entry for a key and checks it: sizes always, content hashes when <paramref name="verify"/>.
    /// A corrupt entry is removed and reported so that the task is recomputed.</summary>
    public CacheLookup Lookup(string key, bool verify)
    {
        string folder = EntryFolder(key);
        if (!Directory.Exists(folder))
        {
            return CacheLookup.Miss;
        }

        string? problem;
        CacheEntry? entry = null;
        try
        {
            entry = ManifestReader.ReadEntry(Path.Combine(folder, ManifestFile));
            problem = Check(entry with { Folder = folder }, verify);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException)
        {
            problem = $"unreadable manifest: {ex.Message}";
        }

        if (problem is null)
        {
            return new CacheLookup(entry! with { Folder = folder }, null);
        }

        Remove(key);
        return new CacheLookup(null, $"cache entry {key[..12]} is corrupt ({problem}); it was removed and will be recomputed");
    }

    public StagingArea BeginStaging(string key)
    {
        string folder = Path.Combine(TmpFolder, $"{key[..16]}.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, OutputsFolder));
        return new StagingArea(folder);
    }

    /// <summary>Hashes the staged outputs, writes the manifest and moves the folder into place.</summary>
    public CacheEntry Publish(StagingArea staging, TaskSignature signature, IEnumerable<Artifact> outputs, IReadOnlyList<MetricRecord> metrics, TimeSpan duration)
    {
        var records = new List<OutputRecord>();
        foreach (var output in outputs)
        {
            string path = Path.Combine(staging.OutputsFolder, output.RelativePath);
            bool exists = output.Kind == ArtifactKind.Folder ? Directory.Exists(path) : File.Exists(path);
            if (!exists)
            {
                throw new InvalidOperationException($"Task {signature.Task} declared output '{output.Name}' ({output.Kind}) but did not write it (expected at {path}).");
            }

            var (hash, files) = ContentHash.Of(path);
            records.Add(new OutputRecord(output.Name, output.Kind, output.RelativePath, hash, files.Sum(f => f.Size), files));
        }

        string key = signature.Key;
        var entry = new CacheEntry(key, signature, DateTimeOffset.UtcNow, duration.TotalSeconds, records, metrics);
        ScionJson.WriteAtomic(Path.Combine(staging.Folder, ManifestFile), entry);

        string target = EntryFolder(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(target))
        {
            Remove(key); // forced recomputation replaces the old entry
        }

        Directory.Move(staging.Folder, target);
        return entry with { Folder = target };
    }

    public string LockPath(string key) => Path.Combine(Root, "locks", key[..2], key + ".lock");

    /// <summary>Remembers the latest signature of a task for --explain, as <c>signatures/TASK/KEY.json</c>, the only file of
    /// its folder: a fully cached rerun lists one small folder per task and writes, reads and parses nothing.</summary>
    public void SaveSignature(TaskSignature signature)
    {
        string folder = SignatureFolder(signature.Task);
        string name = signature.Key + ".json";
        string[] saved = SavedSignatures(signature.Task);
        if (saved.Length == 1 && Path.GetFileName(saved[0]) == name)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        ScionJson.WriteAtomic(Path.Combine(folder, name), signature, durable: false);
        foreach (string old in saved.Where(f => Path.GetFileName(f) != name))
        {
            File.Delete(old);
        }
    }

    public TaskSignature? LastSignature(string task)
    {
        // After a crash between writing the new file and deleting the old one, the newer file is the latest.
        string? path = SavedSignatures(task).MaxBy(File.GetLastWriteTimeUtc);
        try
        {
            return path is null ? null : ManifestReader.ReadSignature(path);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException or IOException)
        {
            return null; // an unreadable old signature only makes --explain say "new"
        }
    }

    /// <summary>Deletes staging folders left by processes of this machine that are no longer alive.</summary>
    public void CleanStaleStaging()
    {
        if (!Directory.Exists(TmpFolder))
        {
            return;
        }

        foreach (string folder in Directory.EnumerateDirectories(TmpFolder))
        {
            string[] parts = Path.GetFileName(folder).Split('.');
            if (parts.Length == 4 && parts[1] == Environment.MachineName && int.TryParse(parts[2], out int pid) && !ProcessAlive(pid))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool ProcessAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? Check(CacheEntry entry, bool verify)
    {
        foreach (var output in entry.Outputs)
        {
            string path = Path.Combine(entry.Folder, OutputsFolder, output.RelativePath);
            if (output.Kind == ArtifactKind.Folder)
            {
                if (!Directory.Exists(path))
                {
                    return $"output '{output.Name}' is missing";
                }

                var files = ContentHash.ListFiles(path);
                if (!files.SequenceEqual(output.Files))
                {
                    return $"output '{output.Name}' has different files or sizes than recorded";
                }
            }
            else
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    return $"output '{output.Name}' is missing";
                }

                if (info.Length != output.Size)
                {
                    return $"output '{output.Name}' is {info.Length} bytes, {output.Size} recorded";
                }
            }

            if (verify && ContentHash.Of(path).Hash != output.Hash)
            {
                return $"output '{output.Name}' does not match its recorded content hash";
            }
        }

        return null;
    }

    private void Remove(string key)
    {
        string folder = EntryFolder(key);
        string trash = Path.Combine(TmpFolder, $"{key[..16]}.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(TmpFolder);
        try
        {
            Directory.Move(folder, trash); // one rename: the entry disappears at once
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        TryDelete(trash);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string SignatureFolder(string task) => Path.Combine(Root, "signatures", task);

    private string[] SavedSignatures(string task)
    {
        string folder = SignatureFolder(task);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [];
    }
}
