using Scion.Console;

namespace Scion.Cli;

/// <summary>The parsed command line.</summary>
public sealed record ScionOptions
{
    public List<string> Targets { get; } = [];

    public bool Exclusive { get; set; }

    public bool DryRun { get; set; }

    public bool Tree { get; set; }

    public bool Description { get; set; }

    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    public bool Version { get; set; }

    public bool Info { get; set; }

    public bool Help { get; set; }

    public List<KeyValuePair<string, string>> Parameters { get; } = [];

    public string? Profile { get; set; }

    public bool Explain { get; set; }

    public HashSet<string> Force { get; } = new(StringComparer.Ordinal);

    public bool ForceAll { get; set; }

    public bool Verify { get; set; }

    public string? CacheDir { get; set; }

    public string? ReportsDir { get; set; }

    public int Jobs { get; set; } = 1;

    public string Device { get; set; } = "auto";
}
