using Scion.Hosting;
using Scion.Pipelines;
using Scion.Running;
using Scion.TestHost;
using Spectre.Console;

namespace Scion.Core.Tests;

/// <summary>A temporary workspace (params file, cache, reports) in which the test pipeline runs in-process.</summary>
public sealed class TestWorkspace : IDisposable
{
    public TestWorkspace(string? parameters = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "scion-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "pipelines", "Test"));
        File.WriteAllText(Path.Combine(Root, "pipelines", "Test", "params.toml"), parameters ?? TestPipeline.DefaultParameters);
    }

    public string Root { get; }

    public string Cache => Path.Combine(Root, ".scion", "cache");

    public string Output { get; private set; } = "";

    public RunRecord? LastRun { get; private set; }

    public async Task<int> RunAsync(params string[] args) => await RunAsync(new TestPipeline(), args);

    public async Task<int> RunAsync(Pipeline pipeline, params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var host = new ScionHost(Root) { Console = console }.AddPipeline(pipeline);
        int exit = await host.RunAsync(args);
        Output = writer.ToString();
        LastRun = host.LastRun;
        return exit;
    }

    /// <summary>Status of a task in the last run, e.g. "Executed" or "Cached".</summary>
    public string Status(string task) => LastRun?.Tasks.Single(t => t.Name == task).Status ?? throw new InvalidOperationException("no run record: " + Output);

    public TaskRecord Task(string task) => LastRun!.Tasks.Single(t => t.Name == task);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
