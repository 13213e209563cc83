using System.Diagnostics;
using Scion.Execution;

namespace Scion.Console;

/// <summary>Progress as plain lines for logs and CI: one line at most every <c>interval</c> per handle, and one at the end.</summary>
public sealed class PlainProgressSink(TextWriter output, TimeSpan interval) : IProgressSink
{
    public ProgressHandle Start(string task, string label, long total) => new Handle(task, label, total, output, interval);

    private sealed class Handle(string task, string label, long total, TextWriter output, TimeSpan interval) : ProgressHandle(task, label, total)
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private TimeSpan last = TimeSpan.Zero;

        protected override void Changed()
        {
            lock (watch)
            {
                if (watch.Elapsed - last < interval)
                {
                    return;
                }

                last = watch.Elapsed;
            }

            Write();
        }

        protected override void Completed() => Write();

        private void Write()
        {
            long done = Math.Min(Done, Total);
            double fraction = (double)done / Total;
            string eta = done > 0 && done < Total ? $", eta {Durations.Natural(watch.Elapsed * ((1 - fraction) / fraction))}" : "";
            string status = Status.Length > 0 ? $" {Status}" : "";
            lock (output)
            {
                output.WriteLine($"[{Task}] {Label} {done}/{Total} ({fraction * 100:0}%){status}, {Durations.Natural(watch.Elapsed)}{eta}");
                output.Flush();
            }
        }
    }
}
