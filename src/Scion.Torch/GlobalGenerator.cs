using TorchSharp;

namespace Scion.Torch;

/// <summary>
/// libtorch has one default generator per process, and module initialisation draws from it. With <c>--jobs</c> above 1
/// two tasks can build models at once: a task that seeds and then builds gets other weights if the other draws in
/// between. Seeded builds and module constructors take this gate, so a seed gives the same weights either way.
/// </summary>
public static class GlobalGenerator
{
    private static readonly Lock Gate = new();

    /// <summary>Seeds the global generator and runs <paramref name="build"/> with no other thread drawing meanwhile.</summary>
    public static T Seeded<T>(long seed, Func<T> build)
    {
        lock (Gate)
        {
            torch.manual_seed(seed);
            return build();
        }
    }

    /// <summary>Holds the gate while a constructor draws its initial weights (re-entrant: a seeded build may nest it).</summary>
    public static Lock.Scope Hold() => Gate.EnterScope();
}
