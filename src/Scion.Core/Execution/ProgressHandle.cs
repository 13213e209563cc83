namespace Scion.Execution;

/// <summary>Progress of one piece of long work. Thread-safe; dispose it when the work ends.</summary>
public abstract class ProgressHandle : IDisposable
{
    private long done;

    protected ProgressHandle(string task, string label, long total)
    {
        Task = task;
        Label = label;
        Total = Math.Max(1, total);
    }

    public string Task { get; }

    public string Label { get; }

    public long Total { get; }

    public long Done => Interlocked.Read(ref done);

    /// <summary>Free text shown beside the bar (e.g. "loss 0.123").</summary>
    public string Status { get; private set; } = "";

    public void Advance(long steps = 1, string? status = null)
    {
        Interlocked.Add(ref done, steps);
        Update(status);
    }

    public void Report(long value, string? status = null)
    {
        Interlocked.Exchange(ref done, value);
        Update(status);
    }

    public void Dispose()
    {
        Completed();
        GC.SuppressFinalize(this);
    }

    protected abstract void Changed();

    protected abstract void Completed();

    private void Update(string? status)
    {
        if (status is not null)
        {
            Status = status;
        }

        Changed();
    }
}
