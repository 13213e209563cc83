using Scion.Artifacts;
using Scion.Caching;

namespace Scion.Running;

/// <summary>
/// A small made-up run (two cached tasks, one depending on the other, with an output, a metric and a parameter)
/// that the host writes and renders on its warm-up thread while the real graph is built, so that the code of the
/// run record and the report is loaded before the real run needs it.
/// </summary>
public static class WarmUpRun
{
    public static RunRecord Record()
    {
        var output = new OutputRecord("o", ArtifactKind.File, "o", "0123456789abcdef", 1, [new FileRecord("", 1)]);
        TaskRecord Task(string name, string[] dependsOn) => new(name, "warmup", "", dependsOn, "Cached", 0, "", "0123456789abcdef",
            new Dictionary<string, string> { ["i"] = "h" }, [output], [new MetricRecord("m", double.NaN, "")], ["r"], null);
        return new RunRecord("warmup", ["b"], ["warmup"], DateTimeOffset.UnixEpoch, 0, "", "cpu", null, true,
            [new ParameterRecord("p", "1", "default", "")], [Task("a", []), Task("b", ["a"])]);
    }
}
