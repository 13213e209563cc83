namespace Scion.Host;

/// <summary>The repository root the host works in (set by build.sh as SCION_ROOT).</summary>
internal static class Workspace
{
    public static string Root => Path.GetFullPath(Environment.GetEnvironmentVariable("SCION_ROOT") ?? Environment.CurrentDirectory);
}
