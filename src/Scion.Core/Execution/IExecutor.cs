namespace Scion.Execution;

/// <summary>The one place that decides where work runs: whole tasks (by the scheduler) and shards (by tasks).</summary>
public interface IExecutor
{
    /// <summary>How many tasks or shards may run at once (<c>--jobs</c>).</summary>
    int Parallelism { get; }

    /// <summary>Runs a task's body where the executor decides.</summary>
    Task RunTaskAsync(string task, Func<Task> body, CancellationToken cancel);

    /// <summary>Runs every shard and returns the results in shard order.</summary>
    Task<IReadOnlyList<TResult>> RunShardsAsync<TWorker, TShard, TResult>(IReadOnlyList<TShard> shards, CancellationToken cancel)
        where TWorker : IShardWorker<TShard, TResult>, new();
}
