using System.Diagnostics;
using System.Reflection;
using Scion.Caching;
using Scion.Cli;
using Scion.Console;
using Scion.Execution;
using Scion.Graph;
using Scion.Json;
using Scion.Parameters;
using Scion.Pipelines;
using Scion.Running;
using Spectre.Console;

namespace Scion.Hosting;

/// <summary>
/// The entry point: parses the command line, builds the graph of every registered pipeline, resolves
/// parameters, runs the plan, prints the summary and writes the run record, metric history and report.
/// Exit codes: 0 success, 1 a task failed, 2 bad usage (unknown target, bad parameter, cycle).
/// </summary>
public sealed class ScionHost(string root)
{
    private readonly List<Pipeline> pipelines = [];
    private readonly Dictionary<string, string> unavailableTargets = new(StringComparer.Ordinal);
    private IReportWriter? reports;
    private IHostServices? services;

    public string Root { get; } = Path.GetFullPath(root);

    public IAnsiConsole Console { get; init; } = AnsiConsole.Console;

    /// <summary>The record of the last run (null after a dry run or a run that stopped before any task).</summary>
    public RunRecord? LastRun { get; private set; }

    public static string Version =>
        typeof(ScionHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public ScionHost AddPipeline(Pipeline pipeline)
    {
        pipelines.Add(pipeline);
        return this;
    }

    /// <summary>Registers every concrete <see cref="Pipeline"/> with a parameterless constructor in the assemblies.</summary>
    public ScionHost AddPipelinesFrom(params Assembly[] assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes())
                     .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Pipeline).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            AddPipeline((Pipeline)Activator.CreateInstance(type)!);
        }

        return this;
    }

    /// <summary>A target that a later version will provide; asking for it gives this message instead of "unknown target".</summary>
    public ScionHost AddUnavailableTarget(string name, string message)
    {
        unavailableTargets[name] = message;
        return this;
    }

    public ScionHost UseReports(IReportWriter writer)
    {
        reports = writer;
        return this;
    }

    public ScionHost UseServices(IHostServices hostServices)
    {
        services = hostServices;
        return this;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancel = default)
    {
        PhaseTrace.Mark("host");
        ScionOptions options;
        try
        {
            options = CommandLineParser.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.MarkupLine($"[red]error[/] {Markup.Escape(ex.Message)}");
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(CommandLineParser.Usage);
            return 0;
        }

        if (options.Version)
        {
            Console.WriteLine($"Scion {Version}");
            return 0;
        }

        if (options.Info)
        {
            Console.WriteLine($"Scion {Version}");
            foreach (string line in services?.Info() ?? [])
            {
                Console.WriteLine(line);
            }

            return 0;
        }

        if (!options.DryRun && !options.Tree && !options.Description && options.Targets.Count > 0)
        {
            // While the graph is built and tasks are checked, the second core loads the code of cache lookups, of
            // the report and of the run record. One thread for all three: the runtime's loader locks serialise much
            // of this work anyway, and a third busy thread only adds contention. The report comes before the
            // record: it is the longer part, and a late report template makes the main thread wait.
            _ = Task.Run(WarmUp);
        }

        PhaseTrace.Mark("options");
        if (System.Console.IsOutputRedirected && Console.Profile.Width < 160)
        {
            Console.Profile.Width = 160; // logs and CI: do not wrap lines at 80 columns
        }

        var reporter = new ConsoleReporter(Console, options.Verbosity, new PlainProgressSink(System.Console.Out, ProgressInterval()));
        try
        {
            return await RunPlanAsync(options, reporter, cancel);
        }
        catch (Exception ex) when (ex is GraphException or ParameterException or UsageException)
        {
            reporter.Error(ex.Message);
            return 2;
        }
    }

    private async Task<int> RunPlanAsync(ScionOptions options, ConsoleReporter reporter, CancellationToken cancel)
    {
        PhaseTrace.Mark("graph");
        var graph = new TaskGraph(pipelines);
        if (options.Description)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumn("Task").AddColumn("Pipeline").AddColumn("Description");
            foreach (var t in graph.Tasks.OrderBy(t => t.Pipeline.Name, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Pipeline.Name), Markup.Escape(t.Description));
            }

            Console.Write(table);
            return 0;
        }

        foreach (string target in options.Targets)
        {
            if (!graph.Contains(target) && unavailableTargets.TryGetValue(target, out string? message))
            {
                throw new UsageException($"Target '{target}' is not yet available: {message}");
            }
        }

        if (options.Tree)
        {
            var roots = options.Targets.Count > 0
                ? options.Targets
                : graph.Tasks.Select(t => t.Name).Where(n => graph.Tasks.All(o => !graph.DependenciesOf(o.Name).Contains(n))).Order(StringComparer.Ordinal).ToList();
            graph.Plan(roots); // validates the names
            Console.Write(TreePrinter.Build(graph, roots));
            return 0;
        }

        if (options.Targets.Count == 0)
        {
            throw new UsageException("No --target given. Tasks: " + string.Join(", ", graph.Tasks.Select(t => t.Name).Order(StringComparer.Ordinal)) + " (see --description).");
        }

        foreach (string forced in options.Force)
        {
            if (!graph.Contains(forced))
            {
                throw new UsageException($"--force names unknown task '{forced}'.{Text.NameSuggestions.DidYouMean(forced, graph.Tasks.Select(t => t.Name))}");
            }
        }

        PhaseTrace.Mark("plan");
        var plan = graph.Plan(options.Targets);
        var involved = plan.Select(t => t.Pipeline).Distinct().ToList();
        var parameters = new ParameterResolver(Root).Resolve(involved, options.Profile, options.Parameters);
        string? deviceError = options.Device == "auto" ? null : services?.CheckDevice(options.Device);
        if (deviceError is not null)
        {
            throw new UsageException($"--device {options.Device}: {deviceError}");
        }

        PhaseTrace.Mark("schedule");
        var store = new CacheStore(CacheRoot(options));
        var settings = new RunSettings
        {
            Targets = options.Targets, Exclusive = options.Exclusive, DryRun = options.DryRun, Explain = options.Explain || options.DryRun,
            Verify = options.Verify, ForceAll = options.ForceAll, Force = options.Force, Jobs = options.Jobs, Device = options.Device,
        };
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var executor = new InProcessExecutor(options.Jobs);
        IReadOnlyList<TaskResult> results;
        bool live = !System.Console.IsOutputRedirected && Console.Profile.Capabilities.Interactive && options.Verbosity >= Verbosity.Normal;
        if (live)
        {
            // On a terminal the run happens inside a live display that draws the progress bars.
            var bars = new SpectreProgressSink();
            var scheduler = new Scheduler(graph, store, parameters, executor, new ConsoleReporter(Console, options.Verbosity, bars), settings);
            results = await bars.RunAsync(Console, () => scheduler.RunAsync(plan, cancel));
        }
        else
        {
            results = await new Scheduler(graph, store, parameters, executor, reporter, settings).RunAsync(plan, cancel);
        }

        watch.Stop();
        PhaseTrace.Mark("summary");
        if (options.Verbosity >= Verbosity.Minimal)
        {
            if (Console.Profile.Capabilities.Ansi)
            {
                Console.Write(SummaryTable.Build(results, watch.Elapsed));
            }
            else
            {
                Console.Profile.Out.Writer.Write(SummaryTable.Plain(results, watch.Elapsed));
            }
        }

        bool ok = results.All(r => r.Status != Execution.TaskStatus.Failed || r.ErrorIgnored);
        if (!options.DryRun)
        {
            var record = RunRecordBuilder.Build(settings, graph, plan, results, parameters, options, started, watch.Elapsed, ok);
            PhaseTrace.Mark("record");
            ScionJson.WriteAtomic(Path.Combine(store.RunsFolder, record.RunId + ".json"), stream => RunRecordJson.Write(stream, record), durable: false);
            LastRun = record;
            var history = new MetricHistory(store);
            await history.AppendAsync(record, cancel);
            PhaseTrace.Mark("report");
            if (reports is not null)
            {
                string reportsRoot = Path.GetFullPath(options.ReportsDir ?? Path.Combine(Root, "reports", "out"));
                // Charts show the history of this run's metrics; a run without metrics need not open the history table.
                var past = record.Tasks.Any(t => t.Metrics.Count > 0) ? await history.ReadAsync(cancel) : [];
                foreach (string path in await reports.WriteAsync(record, past, reportsRoot, cancel))
                {
                    reporter.Info($"report: {Path.GetRelativePath(Environment.CurrentDirectory, path)}", Verbosity.Minimal);
                }
            }
        }

        PhaseTrace.Mark("done");
        foreach (string conclusion in results.Select(r => r.Conclusion).OfType<string>())
        {
            System.Console.Out.WriteLine(conclusion);
        }

        return ok ? 0 : 1;
    }

    private void WarmUp()
    {
        Caching.ManifestReader.WarmUp();
        PhaseTrace.Mark("(warm-up) cache reader ready");
        reports?.Prepare();
        PhaseTrace.Mark("(warm-up) report template ready");
        RunRecordJson.Write(Stream.Null, WarmUpRun.Record());
        PhaseTrace.Mark("(warm-up) run record writer ready");
    }

    private string CacheRoot(ScionOptions options) =>
        Path.GetFullPath(options.CacheDir ?? Environment.GetEnvironmentVariable("SCION_CACHE") ?? Path.Combine(Root, ".scion", "cache"));

    private static TimeSpan ProgressInterval() =>
        double.TryParse(Environment.GetEnvironmentVariable("SCION_PROGRESS_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(10);
}
