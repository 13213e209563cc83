using System.Diagnostics;

namespace Scion.Hosting;

/// <summary>With SCION_TRACE=1, prints to stderr how long after process start each phase of the host began
/// (for keeping the cached-rerun overhead low).</summary>
internal static class PhaseTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("SCION_TRACE") == "1";

    public static void Mark(string phase)
    {
        if (Enabled)
        {
            var since = DateTime.Now - Process.GetCurrentProcess().StartTime;
            System.Console.Error.WriteLine($"[trace] {since.TotalMilliseconds,7:0} ms  {phase}");
        }
    }
}
