using System.Collections.Concurrent;
using System.Diagnostics;
using Scion.Artifacts;
using Scion.Caching;
using Scion.Graph;
using Scion.Parameters;
using Scion.Tasks;

namespace Scion.Execution;

/// <summary>
/// Runs a plan: each task whose dependencies are done is checked against the cache, run if needed
/// (up to <c>--jobs</c> at once, through the executor) and published. A failure stops the tasks
/// that depend on it; independent branches go on, so that their results are cached.
/// </summary>
public sealed class Scheduler(TaskGraph graph, CacheStore store, ParameterValues parameters, IExecutor executor, IRunConsole console, RunSettings settings)
{
    private readonly Dictionary<string, TaskResult> results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<Artifact, ProducedArtifact>> available = new(StringComparer.Ordinal);
    private readonly HashSet<string> blocked = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<TaskResult>> RunAsync(IReadOnlyList<TaskDefinition> plan, CancellationToken cancel)
    {
        store.CleanStaleStaging();
        Hosting.PhaseTrace.Mark("staging cleaned");
        var pending = plan.ToList();
        var running = new Dictionary<Task<TaskResult>, TaskDefinition>();
        while (pending.Count > 0 || running.Count > 0)
        {
            foreach (var task in pending.ToList())
            {
                if (running.Count >= executor.Parallelism)
                {
                    break;
                }

                var deps = graph.DependenciesOf(task.Name);
                if (!deps.All(results.ContainsKey))
                {
                    continue;
                }

                pending.Remove(task);
                string? failedDep = deps.FirstOrDefault(d => results[d].Status == TaskStatus.Failed && !results[d].ErrorIgnored || blocked.Contains(d));
                if (failedDep is not null || cancel.IsCancellationRequested)
                {
                    blocked.Add(task.Name);
                    Record(new TaskResult(task.Name, task.Pipeline.Name, TaskStatus.Skipped, TimeSpan.Zero,
                        failedDep is null ? "run cancelled" : $"not run: dependency {failedDep} failed"));
                    continue;
                }

                running[ProcessAsync(task, cancel)] = task;
            }

            if (running.Count == 0)
            {
                continue;
            }

            var finished = await Task.WhenAny(running.Keys);
            running.Remove(finished);
            Record(await finished);
        }

        return plan.Select(t => results[t.Name]).ToList();
    }

    private void Record(TaskResult result)
    {
        results[result.Task] = result;
        console.TaskFinished(result);
    }

    private async Task<TaskResult> ProcessAsync(TaskDefinition task, CancellationToken cancel)
    {
        var definition = task.Task;
        string pipeline = task.Pipeline.Name;
        var log = console.LogFor(task.Name);

        // Inputs: every declared input must come from a dependency that produced it in this run.
        var inputs = new Dictionary<Artifact, string>();
        var inputHashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var optional = definition.OptionalInputs.ToHashSet();
        foreach (var input in definition.Inputs.Concat(optional))
        {
            var producer = graph.ProducerOf(input);
            var produced = available.GetValueOrDefault(producer.Name);
            if (produced is null || !produced.TryGetValue(input, out var found))
            {
                var upstream = results.GetValueOrDefault(producer.Name);
                if (optional.Contains(input) && upstream?.Status == TaskStatus.Skipped)
                {
                    inputHashes[$"{producer.Name}/{input.Name}"] = "absent"; // part of the key: running without it is a different task
                    continue;
                }

                if (upstream?.Status == TaskStatus.WouldRun)
                {
                    return new TaskResult(task.Name, pipeline, TaskStatus.WouldRun, TimeSpan.Zero,
                        $"would run if {producer.Name} changes its output", Reasons: [$"input {producer.Name}/{input.Name} is not known until {producer.Name} runs"]);
                }

                string why = upstream is null ? "was not part of this run" : $"was {upstream.Status.Name().ToLowerInvariant()}: {upstream.Note}";
                return Fail(task, $"input '{input.Name}' from {producer.Name} is unavailable ({producer.Name} {why})");
            }

            inputs[input] = found.Path;
            inputHashes[$"{producer.Name}/{input.Name}"] = found.Hash;
        }

        var reads = definition.Reads.ToHashSet();
        var paramTexts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in reads)
        {
            if (!parameters.Contains(p))
            {
                return Fail(task, $"reads parameter '{p.Key}', which none of the run's pipelines declares");
            }

            paramTexts[p.Key] = parameters[p].Text;
        }

        var outputs = definition.Outputs.ToList();
        var signature = new TaskSignature(task.Name, task.Version, paramTexts, inputHashes,
            outputs.Select(o => $"{o.RelativePath}:{o.Kind.Name()}").ToList());
        var scope = new TaskScope(task.Name, settings.RunId, log, console.Progress, executor, settings.Device, parameters, reads, inputs,
            outputs.ToHashSet(), Path.Combine(store.Root, "tmp", "scratch"), cancel);
        var context = task.Pipeline.CreateContext();
        context.Bind(scope);

        RunDecision decision;
        try
        {
            decision = definition.ShouldRun(context);
        }
        catch (Exception ex)
        {
            return Fail(task, $"ShouldRun threw: {ex.Message}");
        }

        if (!decision.Run)
        {
            return new TaskResult(task.Name, pipeline, TaskStatus.Skipped, TimeSpan.Zero, decision.Reason ?? "skipped");
        }

        string key = signature.Key;
        bool forced = settings.ForceAll || settings.Force.Contains(task.Name);
        string? corrupt = null;
        if (definition.Cacheable && !forced)
        {
            var lookup = store.Lookup(key, settings.Verify);
            if (lookup.Hit)
            {
                return Cached(task, signature, lookup.Entry!, inputHashes, "cache hit");
            }

            if (lookup.Problem is not null)
            {
                corrupt = lookup.Problem;
                console.Warning($"{task.Name}: {corrupt}");
            }
        }

        var reasons = !definition.Cacheable ? ["not cacheable: runs every time"]
            : forced ? (IReadOnlyList<string>)["forced"]
            : corrupt is not null ? [corrupt]
            : signature.DifferencesFrom(store.LastSignature(task.Name));
        if (settings.Explain)
        {
            console.Explain(task.Name, reasons);
        }

        if (settings.Exclusive && !settings.Targets.Contains(task.Name))
        {
            return Fail(task, "not in the cache, and --exclusive runs only the targets; run once without --exclusive", key, reasons);
        }

        if (settings.DryRun)
        {
            return new TaskResult(task.Name, pipeline, TaskStatus.WouldRun, TimeSpan.Zero, string.Join("; ", reasons), key, inputHashes, Reasons: reasons);
        }

        if (!definition.Cacheable)
        {
            scope.OutputsFolder = Path.Combine(store.RunsFolder, settings.RunId, "outputs", task.Name);
            return await ExecuteAsync(task, context, scope, signature, inputHashes, reasons, staging: null, cancel);
        }

        using var entryLock = await EntryLock.AcquireAsync(store.LockPath(key),
            () => log.Information("waiting: another run is computing this task's cache entry"), cancel);
        if (!forced)
        {
            var lookup = store.Lookup(key, settings.Verify);
            if (lookup.Hit)
            {
                return Cached(task, signature, lookup.Entry!, inputHashes, "computed by another run sharing the cache");
            }
        }

        var staging = store.BeginStaging(key);
        scope.OutputsFolder = staging.OutputsFolder;
        return await ExecuteAsync(task, context, scope, signature, inputHashes, reasons, staging, cancel);
    }

    private async Task<TaskResult> ExecuteAsync(
        TaskDefinition task, Pipelines.PipelineContext context, TaskScope scope, TaskSignature signature,
        SortedDictionary<string, string> inputHashes, IReadOnlyList<string> reasons, StagingArea? staging, CancellationToken cancel)
    {
        var definition = task.Task;
        var watch = Stopwatch.StartNew();
        TaskResult result;
        try
        {
            await executor.RunTaskAsync(task.Name, () => definition.RunAsync(context), cancel);
            watch.Stop();
            if (staging is null)
            {
                var records = definition.Outputs.Select(o => Describe(Path.Combine(scope.OutputsFolder!, o.RelativePath), o)).ToList();
                available[task.Name] = records.ToDictionary(r => definition.Outputs.First(o => o.Name == r.Name), r => new ProducedArtifact(Path.Combine(scope.OutputsFolder!, r.RelativePath), r.Hash));
                result = new TaskResult(task.Name, task.Pipeline.Name, TaskStatus.Executed, watch.Elapsed, "", signature.Key, inputHashes, records, scope.Metrics, reasons);
            }
            else
            {
                var entry = store.Publish(staging, signature, definition.Outputs, scope.Metrics, watch.Elapsed);
                store.SaveSignature(signature);
                Publish(task, entry);
                result = new TaskResult(task.Name, task.Pipeline.Name, TaskStatus.Executed, watch.Elapsed, "", signature.Key, inputHashes,
                    entry.Outputs, entry.Metrics, reasons, entry.Folder);
            }
        }
        catch (Exception ex)
        {
            watch.Stop();
            staging?.Discard();
            var error = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : ex;
            ErrorDecision decision;
            try
            {
                decision = definition.OnError(error, context);
            }
            catch (Exception handlerError)
            {
                decision = ErrorDecision.Fail;
                scope.Log.Error($"OnError threw: {handlerError.Message}");
            }

            scope.Log.Error(error is OperationCanceledException ? "cancelled" : error.ToString());
            result = new TaskResult(task.Name, task.Pipeline.Name, TaskStatus.Failed, watch.Elapsed,
                (decision == ErrorDecision.Continue ? "error ignored by OnError: " : "") + FirstLine(error.Message), signature.Key, inputHashes, Reasons: reasons)
            { ErrorIgnored = decision == ErrorDecision.Continue };
        }

        try
        {
            definition.Finally(context);
        }
        catch (Exception ex)
        {
            scope.Log.Error($"Finally threw: {ex}");
            if (result.Status != TaskStatus.Failed)
            {
                result = result with { Status = TaskStatus.Failed, Note = $"Finally threw: {FirstLine(ex.Message)}" };
            }
        }
        finally
        {
            scope.DeleteScratch();
        }

        return result with { Conclusion = scope.Conclusion };
    }

    private TaskResult Cached(TaskDefinition task, TaskSignature signature, CacheEntry entry, SortedDictionary<string, string> inputHashes, string note)
    {
        store.SaveSignature(signature);
        Publish(task, entry);
        return new TaskResult(task.Name, task.Pipeline.Name, TaskStatus.Cached, TimeSpan.Zero, note, entry.Key, inputHashes, entry.Outputs,
            entry.Metrics, EntryFolder: entry.Folder);
    }

    private void Publish(TaskDefinition task, CacheEntry entry)
    {
        var byName = task.Task.Outputs.ToDictionary(o => o.Name);
        available[task.Name] = entry.Outputs.ToDictionary(o => byName[o.Name], o => new ProducedArtifact(entry.PathOf(o.Name), o.Hash));
    }

    private static OutputRecord Describe(string path, Artifact artifact)
    {
        var (hash, files) = ContentHash.Of(path);
        return new OutputRecord(artifact.Name, artifact.Kind, artifact.RelativePath, hash, files.Sum(f => f.Size), files);
    }

    private static TaskResult Fail(TaskDefinition task, string note, string? key = null, IReadOnlyList<string>? reasons = null) =>
        new(task.Name, task.Pipeline.Name, TaskStatus.Failed, TimeSpan.Zero, note, key, Reasons: reasons);

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
