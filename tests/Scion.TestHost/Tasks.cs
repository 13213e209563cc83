using System.Globalization;
using Scion.Artifacts;
using Scion.Parameters;
using Scion.Tasks;

namespace Scion.TestHost;

[TaskName("Generate")]
[TaskDescription("Writes demo.rows numbers")]
public sealed class Generate : PipelineTask<TestContext>
{
    public static readonly TableArtifact<NumberRow> Numbers = Artifact.Table<NumberRow>("numbers");

    public override IEnumerable<IParameter> Reads => [TestParameters.Rows];

    public override IEnumerable<Artifact> Outputs => [Numbers];

    public override void Run(TestContext context)
    {
        int rows = context.Get(TestParameters.Rows);
        context.WriteTable(Numbers, Enumerable.Range(0, rows).Select(i => new NumberRow { Index = i, Value = i * 0.5, Name = $"n{i}", Vector = [i, -i] }));
    }
}

[TaskName("Scale")]
[IsDependentOn(typeof(Generate))]
public sealed class Scale : PipelineTask<TestContext>
{
    public static readonly TableArtifact<NumberRow> Scaled = Artifact.Table<NumberRow>("scaled");

    public override IEnumerable<IParameter> Reads => [TestParameters.Scale];

    public override IEnumerable<Artifact> Inputs => [Generate.Numbers];

    public override IEnumerable<Artifact> Outputs => [Scaled];

    public override void Run(TestContext context)
    {
        double scale = context.Get(TestParameters.Scale);
        context.WriteTable(Scaled, context.ReadTable(Generate.Numbers).Select(r => new NumberRow { Index = r.Index, Value = r.Value * scale, Name = r.Name, Vector = r.Vector }));
    }
}

[TaskName("Summarize")]
[IsDependentOn(typeof(Scale))]
public sealed class Summarize : PipelineTask<TestContext>
{
    public static readonly Artifact Summary = Artifact.File("summary.txt");

    public override IEnumerable<Artifact> Inputs => [Scale.Scaled];

    public override IEnumerable<Artifact> Outputs => [Summary];

    public override void Run(TestContext context)
    {
        double sum = context.ReadTable(Scale.Scaled).Sum(r => r.Value);
        context.Metric("sum", sum, "units");
        File.WriteAllText(context.OutputPath(Summary), sum.ToString(CultureInfo.InvariantCulture));
    }
}

[TaskName("Unrelated")]
public sealed class Unrelated : PipelineTask<TestContext>
{
    public static readonly Artifact Text = Artifact.File("label.txt");

    public override IEnumerable<IParameter> Reads => [TestParameters.Label];

    public override IEnumerable<Artifact> Outputs => [Text];

    public override void Run(TestContext context) => File.WriteAllText(context.OutputPath(Text), context.Get(TestParameters.Label));
}

[TaskName("All")]
[IsDependentOn(typeof(Summarize))]
[IsDependentOn(typeof(Unrelated))]
[TaskDescription("Everything")]
public sealed class All : PipelineTask<TestContext>
{
    public override void Run(TestContext context)
    {
    }
}

[TaskName("SlowWrite")]
[TaskDescription("Writes 4 MiB in chunks over slow.seconds (for kill and concurrency tests)")]
public sealed class SlowWrite : AsyncPipelineTask<TestContext>
{
    public static readonly Artifact Blob = Artifact.File("blob.bin");

    public override IEnumerable<IParameter> Reads => [TestParameters.SlowSeconds];

    public override IEnumerable<Artifact> Outputs => [Blob];

    public override async Task RunAsync(TestContext context)
    {
        const int chunks = 16;
        double seconds = context.Get(TestParameters.SlowSeconds);
        using var progress = context.Progress("writing", chunks);
        await using var stream = new FileStream(context.OutputPath(Blob), FileMode.Create);
        var chunk = new byte[256 * 1024];
        for (int i = 0; i < chunks; i++)
        {
            Array.Fill(chunk, (byte)i);
            await stream.WriteAsync(chunk, context.Cancellation);
            await stream.FlushAsync(context.Cancellation);
            progress.Advance(status: $"chunk {i}");
            await Task.Delay(TimeSpan.FromSeconds(seconds / chunks), context.Cancellation);
        }
    }
}

[TaskName("Explode")]
public sealed class Explode : PipelineTask<TestContext>
{
    public static readonly Artifact Out = Artifact.File("out.txt");

    public override IEnumerable<IParameter> Reads => [TestParameters.Explode];

    public override IEnumerable<Artifact> Outputs => [Out];

    public override void Run(TestContext context)
    {
        if (context.Get(TestParameters.Explode))
        {
            throw new InvalidOperationException("boom: demo.explode is true");
        }

        File.WriteAllText(context.OutputPath(Out), "ok");
    }
}

[TaskName("AfterExplode")]
[IsDependentOn(typeof(Explode))]
public sealed class AfterExplode : PipelineTask<TestContext>
{
    public override IEnumerable<Artifact> Inputs => [Explode.Out];

    public override void Run(TestContext context) => _ = File.ReadAllText(context.InputPath(Explode.Out));
}

[TaskName("Optional")]
public sealed class Optional : PipelineTask<TestContext>
{
    public static readonly Artifact Out = Artifact.File("optional.txt");

    public override IEnumerable<IParameter> Reads => [TestParameters.Skip];

    public override IEnumerable<Artifact> Outputs => [Out];

    public override RunDecision ShouldRun(TestContext context) =>
        context.Get(TestParameters.Skip) ? RunDecision.Skip("demo.skip is true") : true;

    public override void Run(TestContext context) => File.WriteAllText(context.OutputPath(Out), "from Optional");
}

[TaskName("AfterOptional")]
[IsDependentOn(typeof(Optional))]
public sealed class AfterOptional : PipelineTask<TestContext>
{
    public static readonly Artifact Out = Artifact.File("after.txt");

    public override IEnumerable<Artifact> OptionalInputs => [Optional.Out];

    public override IEnumerable<Artifact> Outputs => [Out];

    public override void Run(TestContext context) =>
        File.WriteAllText(context.OutputPath(Out), context.HasInput(Optional.Out) ? File.ReadAllText(context.InputPath(Optional.Out)) : "without");
}
