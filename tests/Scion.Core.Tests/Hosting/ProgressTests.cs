using Scion.Console;

namespace Scion.Core.Tests.Hosting;

public sealed class ProgressTests
{
    [Fact]
    public void Plain_progress_prints_periodic_lines_and_a_final_one()
    {
        var output = new StringWriter();
        var sink = new PlainProgressSink(output, TimeSpan.Zero);
        using (var progress = sink.Start("Train", "steps", 4))
        {
            progress.Advance(status: "loss 1.0");
            progress.Advance(2, "loss 0.5");
        }

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("[Train] steps 1/4 (25%) loss 1.0", lines[0]);
        Assert.StartsWith("[Train] steps 3/4 (75%) loss 0.5", lines[1]);
    }

    [Fact]
    public void Plain_progress_is_throttled()
    {
        var output = new StringWriter();
        using (var progress = new PlainProgressSink(output, TimeSpan.FromHours(1)).Start("T", "x", 1000))
        {
            for (int i = 0; i < 1000; i++)
            {
                progress.Advance();
            }
        }

        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
