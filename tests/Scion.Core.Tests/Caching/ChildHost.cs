using System.Diagnostics;
using Scion.TestHost;

namespace Scion.Core.Tests.Caching;

/// <summary>Runs the test host as a separate process (for real kills and for two runs sharing a cache).</summary>
internal static class ChildHost
{
    public static Process Start(string root, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(TestPipeline).Assembly.Location);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["SCION_ROOT"] = root;
        info.Environment["SCION_PROGRESS_SECONDS"] = "0";
        return Process.Start(info)!;
    }

    public static async Task<(int Exit, string Output)> RunAsync(string root, params string[] args)
    {
        using var process = Start(root, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }
}
