namespace Scion.Execution;

/// <summary>Runs tasks and shards in this process, shards on up to <see cref="Parallelism"/> threads.</summary>
public sealed class InProcessExecutor(int parallelism) : IExecutor
{
    public int Parallelism { get; } = Math.Max(1, parallelism);

    public Task RunTaskAsync(string task, Func<Task> body, CancellationToken cancel) => Task.Run(body, cancel);

    public async Task<IReadOnlyList<TResult>> RunShardsAsync<TWorker, TShard, TResult>(IReadOnlyList<TShard> shards, CancellationToken cancel)
        where TWorker : IShardWorker<TShard, TResult>, new()
    {
        var results = new TResult[shards.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(Enumerable.Range(0, shards.Count), options, async (i, token) =>
        {
            results[i] = await new TWorker().RunAsync(shards[i], token);
        });
        return results;
    }
}
