namespace Scion.Core.Tests.Caching;

public sealed class CorruptEntryTests
{
    private static string EntryOutput(TestWorkspace ws, string task, string file)
    {
        string folder = ws.Task(task).EntryFolder!;
        return Path.Combine(folder, "outputs", file);
    }

    [Fact]
    public async Task A_truncated_output_is_detected_reported_and_recomputed()
    {
        using var ws = new TestWorkspace();
        await ws.RunAsync("--target=Scale");
        string path = EntryOutput(ws, "Generate", "numbers.parquet");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..10]);
        Assert.Equal(0, await ws.RunAsync("--target=Scale"));
        Assert.Equal("Executed", ws.Status("Generate"));
        Assert.Contains("is corrupt", ws.Output);
        Assert.Equal("Cached", ws.Status("Scale")); // the recomputed output has the same content
    }

    [Fact]
    public async Task A_same_size_change_is_caught_by_verify()
    {
        using var ws = new TestWorkspace();
        await ws.RunAsync("--target=Unrelated");
        string path = EntryOutput(ws, "Unrelated", "label.txt");
        File.WriteAllText(path, "HELLO");
        await ws.RunAsync("--target=Unrelated");
        Assert.Equal("Cached", ws.Status("Unrelated")); // the cheap check sees the same size
        await ws.RunAsync("--target=Unrelated", "--verify");
        Assert.Equal("Executed", ws.Status("Unrelated"));
        Assert.Equal("hello", File.ReadAllText(EntryOutput(ws, "Unrelated", "label.txt")));
    }

    [Fact]
    public async Task A_missing_manifest_is_never_used()
    {
        using var ws = new TestWorkspace();
        await ws.RunAsync("--target=Unrelated");
        File.Delete(Path.Combine(ws.Task("Unrelated").EntryFolder!, "manifest.json"));
        await ws.RunAsync("--target=Unrelated");
        Assert.Equal("Executed", ws.Status("Unrelated"));
    }
}
