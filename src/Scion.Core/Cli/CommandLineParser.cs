using Scion.Console;
using Scion.Text;

namespace Scion.Cli;

/// <summary>
/// Cake-style arguments: <c>--name=value</c> or <c>--name value</c>, flags as <c>--name</c> (or
/// <c>--name=true</c>); options that take values may repeat (<c>--target</c>, <c>--param</c>, <c>--force</c>).
/// </summary>
public static class CommandLineParser
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["t"] = "target", ["e"] = "exclusive", ["v"] = "verbosity", ["p"] = "param", ["j"] = "jobs", ["h"] = "help",
        ["dry-run"] = "dryrun", ["noop"] = "dryrun", ["showtree"] = "tree", ["showdescription"] = "description", ["?"] = "help",
    };

    private static readonly HashSet<string> Flags = ["exclusive", "dryrun", "tree", "description", "version", "info", "help", "explain", "force-all", "verify"];

    private static readonly HashSet<string> Valued = ["target", "verbosity", "param", "profile", "force", "cache-dir", "reports-dir", "jobs", "device"];

    public static string Usage => """
        Usage: ./build.sh [--target=NAME ...] [options]

          --target=NAME, -t NAME   task to run (several allowed: one graph, shared dependencies run once)
          --exclusive, -e          run only the targets; their dependencies must already be cached
          --dryrun                 show what would run and what is cached; run nothing
          --explain                say why each task runs (new, parameter X changed from a to b, input Y changed, ...)
          --force=NAME             recompute NAME even if cached (several allowed, or comma-separated)
          --force-all              recompute every task of the plan
          --verify                 check cached outputs against their full content hashes before use
          --param KEY=VALUE, -p    set a pipeline parameter (several allowed)
          --profile=NAME           apply a named profile from the pipeline's params.toml (e.g. smoke)
          --jobs=N, -j N           run up to N independent tasks at once (default 1)
          --device=cpu|cuda|auto   where tensors live (default auto: CUDA when available)
          --cache-dir=PATH         cache location (default .scion/cache, or $SCION_CACHE)
          --reports-dir=PATH       where HTML reports go (default reports/out)
          --tree                   print the dependency tree of the targets (or of every task)
          --description            list every task with its description
          --verbosity=LEVEL, -v    quiet, minimal, normal, verbose or diagnostic
          --info                   versions of .NET, TorchSharp/libtorch, ONNX Runtime; threads and devices
          --version                print Scion's version
          --help, -h               this text
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static ScionOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ScionOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith('-') || arg == "-" || arg == "--")
            {
                throw new ArgumentException($"Unexpected argument '{arg}'. Options start with --; a target is given as --target={arg}.");
            }

            string body = arg.TrimStart('-');
            string name = body;
            string? value = null;
            int eq = body.IndexOf('=');
            if (eq >= 0)
            {
                name = body[..eq];
                value = body[(eq + 1)..];
            }

            name = Aliases.GetValueOrDefault(name.ToLowerInvariant(), name.ToLowerInvariant());
            if (Flags.Contains(name))
            {
                bool on = value is null || (bool.TryParse(value, out bool b) ? b : throw new ArgumentException($"Option --{name} takes true or false, not '{value}'."));
                SetFlag(options, name, on);
                continue;
            }

            if (!Valued.Contains(name))
            {
                throw new ArgumentException($"Unknown option '{arg}'.{NameSuggestions.DidYouMean(name, Flags.Concat(Valued))} See --help.");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && name != "param"))
                {
                    throw new ArgumentException($"Option --{name} needs a value (--{name}=VALUE).");
                }

                value = args[++i];
            }

            SetValue(options, name, value);
        }

        return options;
    }

    private static void SetFlag(ScionOptions o, string name, bool on)
    {
        switch (name)
        {
            case "exclusive": o.Exclusive = on; break;
            case "dryrun": o.DryRun = on; break;
            case "tree": o.Tree = on; break;
            case "description": o.Description = on; break;
            case "version": o.Version = on; break;
            case "info": o.Info = on; break;
            case "help": o.Help = on; break;
            case "explain": o.Explain = on; break;
            case "force-all": o.ForceAll = on; break;
            case "verify": o.Verify = on; break;
        }
    }

    private static void SetValue(ScionOptions o, string name, string value)
    {
        switch (name)
        {
            case "target":
                o.Targets.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                break;
            case "force":
                o.Force.UnionWith(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                break;
            case "param":
                int eq = value.IndexOf('=');
                if (eq <= 0)
                {
                    throw new ArgumentException($"--param '{value}' must be KEY=VALUE (e.g. --param train.steps=200).");
                }

                o.Parameters.Add(new(value[..eq].Trim(), value[(eq + 1)..]));
                break;
            case "verbosity":
                // A switch, not Enum.TryParse: its first call costs ~5 ms of reflection at start-up.
                o.Verbosity = value.ToLowerInvariant() switch
                {
                    "quiet" => Verbosity.Quiet,
                    "minimal" => Verbosity.Minimal,
                    "normal" => Verbosity.Normal,
                    "verbose" => Verbosity.Verbose,
                    "diagnostic" => Verbosity.Diagnostic,
                    _ => throw new ArgumentException($"--verbosity '{value}' is not one of quiet, minimal, normal, verbose, diagnostic."),
                };
                break;
            case "jobs":
                o.Jobs = int.TryParse(value, out int jobs) && jobs >= 1 && jobs <= 256
                    ? jobs
                    : throw new ArgumentException($"--jobs '{value}' must be a whole number from 1 to 256.");
                break;
            case "device":
                o.Device = value is "cpu" or "cuda" or "auto"
                    ? value
                    : throw new ArgumentException($"--device '{value}' must be cpu, cuda or auto.");
                break;
            case "profile": o.Profile = value; break;
            case "cache-dir": o.CacheDir = value; break;
            case "reports-dir": o.ReportsDir = value; break;
        }
    }
}
