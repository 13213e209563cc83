using Scion.Json;
using Scion.Running;

namespace Scion.Core.Tests.Caching;

public sealed class CrashSafetyTests
{
    [Fact]
    public async Task A_process_killed_mid_write_leaves_no_entry_and_the_next_run_recomputes()
    {
        using var ws = new TestWorkspace();
        using (var child = ChildHost.Start(ws.Root, "--target=SlowWrite", "--param=slow.seconds=6"))
        {
            // Wait until the task is half-way through writing its output into the staging area.
            string tmp = Path.Combine(ws.Cache, "tmp");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                var partial = Directory.Exists(tmp) ? Directory.GetFiles(tmp, "blob.bin", SearchOption.AllDirectories) : [];
                if (partial.Length > 0 && new FileInfo(partial[0]).Length >= 512 * 1024)
                {
                    break;
                }

                await Task.Delay(50);
            }

            Assert.False(child.HasExited, "the child finished before it could be killed");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        string entries = Path.Combine(ws.Cache, "entries");
        Assert.True(!Directory.Exists(entries) || Directory.GetFiles(entries, "*", SearchOption.AllDirectories).Length == 0,
            "a killed task must not leave a cache entry");

        Assert.Equal(0, await ws.RunAsync("--target=SlowWrite", "--param=slow.seconds=6"));
        Assert.Equal("Executed", ws.Status("SlowWrite"));
        Assert.Equal(4L * 1024 * 1024, new FileInfo(Path.Combine(ws.Task("SlowWrite").EntryFolder!, "outputs", "blob.bin")).Length);
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(ws.Cache, "tmp")), d => !d.EndsWith("scratch", StringComparison.Ordinal));
        await ws.RunAsync("--target=SlowWrite", "--param=slow.seconds=6");
        Assert.Equal("Cached", ws.Status("SlowWrite"));
    }

    [Fact]
    public async Task Two_processes_sharing_a_cache_compute_an_entry_once()
    {
        using var ws = new TestWorkspace();
        var first = ChildHost.RunAsync(ws.Root, "--target=SlowWrite", "--param=slow.seconds=2");
        var second = ChildHost.RunAsync(ws.Root, "--target=SlowWrite", "--param=slow.seconds=2");
        var results = await Task.WhenAll(first, second);
        Assert.All(results, r => Assert.True(r.Exit == 0, r.Output));

        var records = Directory.GetFiles(Path.Combine(ws.Cache, "runs"), "*.json").Select(ScionJson.Read<RunRecord>).ToList();
        var statuses = records.Select(r => r!.Tasks.Single(t => t.Name == "SlowWrite").Status).Order().ToList();
        Assert.Equal(["Cached", "Executed"], statuses);
        Assert.Single(Directory.GetDirectories(Path.Combine(ws.Cache, "entries"), "*", SearchOption.AllDirectories), d => File.Exists(Path.Combine(d, "manifest.json")));
    }
}
