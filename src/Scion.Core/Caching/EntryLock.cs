namespace Scion.Caching;

/// <summary>
/// An exclusive lock on one cache key, held by an open lock file (an OS advisory lock, released by
/// the kernel if the process dies). Two runs sharing a cache never compute or publish the same key at once.
/// </summary>
public sealed class EntryLock : IDisposable
{
    private readonly FileStream stream;

    private EntryLock(FileStream stream) => this.stream = stream;

    public static EntryLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new EntryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits until the lock is free; <paramref name="onWait"/> is told once that we are waiting.</summary>
    public static async Task<EntryLock> AcquireAsync(string path, Action onWait, CancellationToken cancel)
    {
        bool told = false;
        while (true)
        {
            var held = TryAcquire(path);
            if (held is not null)
            {
                return held;
            }

            if (!told)
            {
                onWait();
                told = true;
            }

            await Task.Delay(100, cancel);
        }
    }

    public void Dispose() => stream.Dispose();
}
