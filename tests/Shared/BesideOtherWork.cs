namespace Scion.Tests.Shared;

/// <summary>
/// Runs a check while another thread keeps doing some work, for the tests that a seeded build gets the same weights
/// whatever else draws from libtorch's process-wide generator meanwhile (<c>--jobs 2</c>).
/// </summary>
internal static class BesideOtherWork
{
    public static void Run(Action other, Action check)
    {
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                other();
            }
        });
        try
        {
            check();
        }
        finally
        {
            stop.Cancel();
            worker.Wait();
        }
    }
}
