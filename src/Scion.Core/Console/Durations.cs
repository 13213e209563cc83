using Humanizer;

namespace Scion.Console;

/// <summary>Durations and sizes as people read them (Humanizer), in one place for the console and reports.</summary>
public static class Durations
{
    public static string Natural(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0} ms"
        : span < TimeSpan.FromMinutes(1) ? $"{span.TotalSeconds:0.0} s"
        : span.Humanize(2, minUnit: Humanizer.TimeUnit.Second);

    public static string Size(long bytes) => bytes.Bytes().Humanize("0.#");
}
