namespace Scion.Execution;

/// <summary>
/// Work that a task fans out over shards. Shards and results are plain records (JSON-serialisable),
/// and the worker is a class with a parameterless constructor, so that an executor can run shards
/// in this process, in child processes or on a cluster without the task changing.
/// </summary>
public interface IShardWorker<TShard, TResult>
{
    Task<TResult> RunAsync(TShard shard, CancellationToken cancel);
}
