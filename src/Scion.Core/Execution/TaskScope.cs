using Scion.Artifacts;
using Scion.Caching;
using Scion.Parameters;

namespace Scion.Execution;

/// <summary>The per-task state behind a <see cref="Pipelines.PipelineContext"/>: what the task declared and where its files go.</summary>
internal sealed class TaskScope(
    string taskName,
    string runId,
    ITaskLog log,
    IProgressSink progress,
    IExecutor executor,
    string device,
    ParameterValues parameters,
    IReadOnlySet<IParameter> declaredReads,
    IReadOnlyDictionary<Artifact, string> inputs,
    IReadOnlySet<Artifact> declaredOutputs,
    string scratchRoot,
    CancellationToken cancellation)
{
    private readonly List<MetricRecord> metrics = [];
    private string? scratch;

    public string TaskName { get; } = taskName;

    public string RunId { get; } = runId;

    public ITaskLog Log { get; } = log;

    public IExecutor Executor { get; } = executor;

    public string Device { get; } = device;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Set once the staging folder exists (not in dry runs or before the cache check).</summary>
    public string? OutputsFolder { get; set; }

    public IReadOnlyList<MetricRecord> Metrics
    {
        get
        {
            lock (metrics)
            {
                return metrics.ToList();
            }
        }
    }

    public object Parameter(IParameter parameter)
    {
        if (!declaredReads.Contains(parameter))
        {
            throw new InvalidOperationException(
                $"Task {TaskName} read parameter '{parameter.Key}' without declaring it in Reads; undeclared reads would make the cache reuse stale results.");
        }

        return parameters[parameter].Value;
    }

    public bool HasInput(Artifact artifact) => inputs.ContainsKey(artifact);

    public string InputPath(Artifact artifact) =>
        inputs.TryGetValue(artifact, out string? path)
            ? path
            : throw new InvalidOperationException($"Task {TaskName} read input '{artifact.Name}' without declaring it in Inputs.");

    public string OutputPath(Artifact artifact)
    {
        if (!declaredOutputs.Contains(artifact))
        {
            throw new InvalidOperationException($"Task {TaskName} wrote output '{artifact.Name}' without declaring it in Outputs.");
        }

        string folder = OutputsFolder ?? throw new InvalidOperationException($"Task {TaskName} has no output folder yet.");
        string path = Path.Combine(folder, artifact.RelativePath);
        Directory.CreateDirectory(artifact.Kind == ArtifactKind.Folder ? path : Path.GetDirectoryName(path)!);
        return path;
    }

    public void Metric(string name, double value, string unit)
    {
        lock (metrics)
        {
            metrics.RemoveAll(m => m.Name == name);
            metrics.Add(new MetricRecord(name, value, unit));
        }
    }

    public ProgressHandle Progress(string label, long total) => progress.Start(TaskName, label, total);

    /// <summary>A line the host prints after the summary table (e.g. the test totals).</summary>
    public string? Conclusion { get; set; }

    public string ScratchPath()
    {
        scratch ??= Path.Combine(scratchRoot, $"{TaskName}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        return scratch;
    }

    public void DeleteScratch()
    {
        if (scratch is not null && Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
