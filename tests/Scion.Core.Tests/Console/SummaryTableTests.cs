using Scion.Console;
using Scion.Execution;
using TaskStatus = Scion.Execution.TaskStatus;

namespace Scion.Core.Tests.Console;

public sealed class SummaryTableTests
{
    [Fact]
    public void The_plain_table_aligns_columns_and_ends_with_the_total()
    {
        var results = new List<TaskResult>
        {
            new("Prepare", "P", TaskStatus.Cached, TimeSpan.Zero, "cache hit"),
            new("TrainTheTeacher", "P", TaskStatus.Executed, TimeSpan.FromSeconds(2.5), ""),
        };
        var lines = SummaryTable.Plain(results, TimeSpan.FromSeconds(3)).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Task ", lines[0]);
        Assert.StartsWith("Prepare           Cached ", lines[2]);
        Assert.EndsWith("cache hit", lines[2]);
        Assert.StartsWith("TrainTheTeacher   Executed", lines[3]);
        Assert.Equal(lines[2].IndexOf("Cached", StringComparison.Ordinal), lines[3].IndexOf("Executed", StringComparison.Ordinal));
        Assert.StartsWith("Total             1 executed, 1 cached", lines[^1]);
    }
}
