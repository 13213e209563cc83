using TorchSharp;

namespace Scion.Torch;

/// <summary>libtorch's thread count for a scope: set by <see cref="Use"/>, restored on dispose, even after a throw.</summary>
public readonly struct ThreadCount : IDisposable
{
    private readonly int before;

    private ThreadCount(int before) => this.before = before;

    /// <summary>Runs libtorch on <paramref name="threads"/> threads until disposed; 0 leaves the count as it is.</summary>
    public static ThreadCount Use(int threads)
    {
        var scope = new ThreadCount(torch.get_num_threads());
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }

        return scope;
    }

    public void Dispose() => torch.set_num_threads(before);
}
