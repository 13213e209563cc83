using System.Globalization;
using Humanizer;

namespace Scion.Console;

/// <summary>Durations and sizes as people read them, in one place for the console and reports.</summary>
public static class Durations
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>"250 ms", "2.5 s", and from a minute up Humanizer's "1 hour, 15 minutes".</summary>
    public static string Natural(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0} ms"
        : span < TimeSpan.FromMinutes(1) ? $"{span.TotalSeconds:0.0} s"
        : span.Humanize(2, minUnit: Humanizer.TimeUnit.Second);

    /// <summary>The largest binary unit the size fills at least once, one decimal at most: "1.5 KB", "4.7 GB".
    /// The same text as Humanizer's <c>Bytes().Humanize("0.#")</c> (tested against it; zero is "0 B", not its "0 b"), written here because
    /// Humanizer's first call costs ~25 ms of start-up, a tenth of a fully cached rerun whose report lists sizes.</summary>
    public static string Size(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.#", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
