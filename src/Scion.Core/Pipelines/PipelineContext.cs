using Scion.Artifacts;
using Scion.Execution;
using Scion.Parameters;

namespace Scion.Pipelines;

/// <summary>
/// What a task sees while it runs: its parameters, its inputs, where to write its outputs, metrics,
/// progress and the executor. A fresh context is made for every task, so tasks running in parallel
/// never share one. Pipelines derive from it to add their own helpers.
/// </summary>
public abstract class PipelineContext
{
    private TaskScope? scope;

    private TaskScope Scope => scope ?? throw new InvalidOperationException("This context is not bound to a running task.");

    public string TaskName => Scope.TaskName;

    public string RunId => Scope.RunId;

    public ITaskLog Log => Scope.Log;

    public CancellationToken Cancellation => Scope.Cancellation;

    /// <summary>The device asked for with <c>--device</c> (cpu, cuda or auto); Scion.Torch turns it into a torch device.</summary>
    public string Device => Scope.Device;

    /// <summary>Where work runs: fan shards out through it rather than starting threads or processes yourself.</summary>
    public IExecutor Executor => Scope.Executor;

    /// <summary>A private folder for temporary files, deleted when the task ends.</summary>
    public string ScratchPath => Scope.ScratchPath();

    /// <summary>The value of a parameter the task declared in <c>Reads</c>.</summary>
    public T Get<T>(Parameter<T> parameter) where T : notnull => (T)Scope.Parameter(parameter);

    /// <summary>Path of a declared input (read only: it lives in the cache).</summary>
    public string InputPath(Artifact artifact) => Scope.InputPath(artifact);

    public bool HasInput(Artifact artifact) => Scope.HasInput(artifact);

    public IList<TRow> ReadTable<TRow>(TableArtifact<TRow> artifact) where TRow : class, new() =>
        ParquetTable.Read<TRow>(InputPath(artifact));

    /// <summary>Where to write a declared output. The folder is a staging area: the outputs are published
    /// to the cache only once the task has finished and every output is complete.</summary>
    public string OutputPath(Artifact artifact) => Scope.OutputPath(artifact);

    public void WriteTable<TRow>(TableArtifact<TRow> artifact, IEnumerable<TRow> rows) where TRow : class, new() =>
        ParquetTable.Write(OutputPath(artifact), rows);

    public void Metric(string name, double value, string unit = "") => Scope.Metric(name, value, unit);

    /// <summary>Progress of long work: bars on a terminal, periodic plain lines otherwise.</summary>
    public ProgressHandle Progress(string label, long total) => Scope.Progress(label, total);

    /// <summary>Sets a line that the host prints as the very last line of the run's output.</summary>
    public void Conclude(string line) => Scope.Conclusion = line;

    internal void Bind(TaskScope taskScope) => scope = taskScope;
}
