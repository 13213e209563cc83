using Scion.Artifacts;
using Scion.Caching;

namespace Scion.Running;

/// <summary>Appends each run's metrics to one Parquet table in the cache, so that runs can be compared.</summary>
public sealed class MetricHistory(CacheStore store)
{
    private string TablePath => Path.Combine(store.HistoryFolder, "metrics.parquet");

    public async Task AppendAsync(RunRecord run, CancellationToken cancel = default)
    {
        var rows = run.Tasks
            .Where(t => t.Status is "Executed" or "Cached")
            .SelectMany(t => t.Metrics.Select(m => new MetricHistoryRow
            {
                RunId = run.RunId,
                Timestamp = run.Started.UtcDateTime,
                Pipeline = t.Pipeline,
                Task = t.Name,
                Metric = m.Name,
                Value = m.Value,
                Unit = m.Unit,
                Status = t.Status,
                CacheKey = t.Key ?? "",
            }))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(store.HistoryFolder);
        using var held = await EntryLock.AcquireAsync(TablePath + ".lock", () => { }, cancel);
        await ParquetTable.WriteAsync(TablePath, rows, append: File.Exists(TablePath), cancel);
    }

    public async Task<IList<MetricHistoryRow>> ReadAsync(CancellationToken cancel = default) =>
        File.Exists(TablePath) ? await ParquetTable.ReadAsync<MetricHistoryRow>(TablePath, cancel) : [];
}
