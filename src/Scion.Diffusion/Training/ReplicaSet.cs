using System.Runtime.ExceptionServices;
using Scion.Diffusion.Models;
using static TorchSharp.torch;

namespace Scion.Diffusion.Training;

/// <summary>
/// Data parallelism inside one process. A small DiT's operations are too short to keep two cores busy (one
/// thread: 105 ms a step; two: 72), so with <c>R</c> replicas each batch is split into <c>R</c> parts, each part's
/// forward and backward runs on its own thread with a share of the cores, and the gradients are summed into the
/// first replica, whose optimizer step is then copied to the others. The sum is the gradient of the whole batch.
/// </summary>
public sealed class ReplicaSet : IDisposable
{
    private readonly List<DiT> models;
    private readonly List<FlatParameters> flats;
    private readonly int threadsBefore = get_num_threads();
    private readonly int threadsPerReplica;

    /// <param name="model">The model being trained (replica 0), which the set takes over and disposes; the others are
    /// made by <paramref name="build"/> and given its weights.</param>
    /// <param name="seed">Seeds each replica's own label-dropout generator.</param>
    public ReplicaSet(DiT model, Func<DiT> build, int replicas, long seed)
    {
        if (replicas < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "The number of replicas must be at least 1.");
        }

        models = [model, .. Enumerable.Range(1, replicas - 1).Select(_ => build())];
        flats = [.. models.Select(m => new FlatParameters(m))];
        for (int r = 0; r < replicas; r++)
        {
            models[r].train();
            models[r].LabelDropoutGenerator = new Generator((ulong)seed + 2 + (ulong)r);
        }

        Broadcast();
        threadsPerReplica = Math.Max(1, threadsBefore / replicas);
        if (replicas > 1)
        {
            set_num_threads(threadsPerReplica);
        }
    }

    public int Count => models.Count;

    /// <summary>The thread count the process had before the replicas split it (all of them, for work done between steps).</summary>
    public int AllThreads => threadsBefore;

    /// <summary>Replica 0's parameters, which the optimizer updates.</summary>
    public FlatParameters Primary => flats[0];

    /// <summary>
    /// Zeroes the gradients, runs <paramref name="meanLoss"/>(replica, start, count) for the parts of a batch of
    /// <paramref name="batch"/> rows and back-propagates each part's mean weighted by its share, so that
    /// <see cref="Primary"/>'s gradients become those of the mean over the whole batch. Returns that mean.
    /// </summary>
    public double Backward(long batch, Func<DiT, long, long, Tensor> meanLoss)
    {
        if (batch < Count)
        {
            // an empty part's mean is NaN, which would reach every weight through the sum
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"A batch of {batch} cannot be split between {Count} replicas: each needs at least one row.");
        }

        var parts = new double[Count];
        var errors = new Exception?[Count];
        // fresh threads, not the pool's: OpenMP keeps a thread count per thread, and a pool thread would keep ours
        // after training (a thread costs ~0.1 ms against a step of ~100)
        var workers = Enumerable.Range(1, Count - 1).Select(r => new Thread(() => Run(r), maxStackSize: 16 << 20)).ToList();
        workers.ForEach(w => w.Start());
        Run(0);
        workers.ForEach(w => w.Join());
        if (errors[0] is not null)
        {
            ExceptionDispatchInfo.Capture(errors[0]!).Throw();
        }

        var error = errors.FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            throw new InvalidOperationException($"A data-parallel replica failed: {error.Message}", error);
        }

        using (no_grad())
        {
            for (int r = 1; r < Count; r++)
            {
                Primary.Grads.add_(flats[r].Grads);
            }
        }

        return parts.Sum();

        void Run(int r)
        {
            try
            {
                if (r > 0)
                {
                    set_num_threads(threadsPerReplica); // per thread with OpenMP: a new thread starts from the default
                }

                using var scope = NewDisposeScope();
                long start = batch * r / Count;
                long count = (batch * (r + 1) / Count) - start;
                var loss = meanLoss(models[r], start, count);
                if (Count > 1)
                {
                    loss = loss * (count / (double)batch);
                }

                flats[r].ZeroGrad();
                loss.backward();
                parts[r] = loss.item<float>();
            }
            catch (Exception e)
            {
                // kept until every thread is joined
                errors[r] = e;
            }
        }
    }

    /// <summary>Copies <see cref="Primary"/>'s values to the other replicas (after an optimizer step).</summary>
    public void Broadcast()
    {
        using var noGrad = no_grad();
        for (int r = 1; r < Count; r++)
        {
            flats[r].Values.copy_(Primary.Values);
        }
    }

    public void Dispose()
    {
        set_num_threads(threadsBefore);
        for (int r = 0; r < Count; r++)
        {
            models[r].LabelDropoutGenerator?.Dispose();
            models[r].LabelDropoutGenerator = null;
            flats[r].Dispose();
            models[r].Dispose();
        }
    }
}
