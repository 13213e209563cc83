using System.Diagnostics;
using System.Xml.Linq;

namespace Scion.Host.Dev;

/// <summary>Runs <c>dotnet test</c> on the solution, reads the TRX results and concludes with "N passed, N failed".
/// A run that executes no test fails.</summary>
internal sealed class TestRunner(DevContext context)
{
    public async Task RunAsync()
    {
        string root = Workspace.Root;
        string results = Path.Combine(context.ScratchPath, "results");
        var args = new List<string> { "test", Path.Combine(root, "Scion.slnx"), "-c", "Debug", "--logger", "trx", "--results-directory", results, "-p:TreatWarningsAsErrors=true" };
        string filter = context.Get(DevParameters.TestFilter);
        if (filter.Length > 0)
        {
            args.AddRange(["--filter", filter]);
        }

        int exit = await ChildProcess.RunAsync("dotnet", args, root, line => context.Log.Information(line), context.Cancellation);
        var (passed, failed, skipped) = ReadTotals(results);
        context.Metric("tests.passed", passed);
        context.Metric("tests.failed", failed);
        context.Conclude(skipped > 0 ? $"{passed} passed, {failed} failed, {skipped} skipped" : $"{passed} passed, {failed} failed");
        if (passed + failed == 0)
        {
            throw new InvalidOperationException($"No test was executed (dotnet test exited with {exit}); a run without tests does not count as passing.");
        }

        if (failed > 0 || exit != 0)
        {
            throw new InvalidOperationException($"{failed} test(s) failed (dotnet test exited with {exit}).");
        }
    }

    private static (int Passed, int Failed, int Skipped) ReadTotals(string folder)
    {
        int passed = 0, failed = 0, skipped = 0;
        if (!Directory.Exists(folder))
        {
            return (0, 0, 0);
        }

        foreach (string trx in Directory.EnumerateFiles(folder, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(trx).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null)
            {
                continue;
            }

            int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out int v) ? v : 0;
            passed += Read("passed");
            failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
            skipped += Read("notExecuted");
        }

        return (passed, failed, skipped);
    }
}
