using Scion.Running;

namespace Scion.Hosting;

/// <summary>Renders the report of a run (implemented by Scion.Reports; the core does not depend on it).</summary>
public interface IReportWriter
{
    /// <summary>Called on a background thread when a run starts: lets the writer load its templates on the other
    /// core while tasks are checked. Errors belong in <see cref="WriteAsync"/>, not here.</summary>
    void Prepare();

    /// <summary>Writes the reports of <paramref name="run"/> and returns the paths of their index files.</summary>
    Task<IReadOnlyList<string>> WriteAsync(RunRecord run, IList<MetricHistoryRow> history, string reportsRoot, CancellationToken cancel);
}
