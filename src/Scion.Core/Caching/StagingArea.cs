namespace Scion.Caching;

/// <summary>A private folder where a task writes its outputs before they are published.</summary>
public sealed class StagingArea(string folder)
{
    public string Folder { get; } = folder;

    public string OutputsFolder => Path.Combine(Folder, CacheStore.OutputsFolder);

    /// <summary>Removes the folder (after a failure, or when another run published first).</summary>
    public void Discard()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
