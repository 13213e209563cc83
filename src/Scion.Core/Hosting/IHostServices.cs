namespace Scion.Hosting;

/// <summary>What the host's executable plugs in beside the pipelines: --info lines and the device check.</summary>
public interface IHostServices
{
    /// <summary>Lines for <c>--info</c> (versions, threads, devices).</summary>
    IEnumerable<string> Info();

    /// <summary>Checks a --device request before any task runs; returns an error message, or null if it can be served.</summary>
    string? CheckDevice(string device);
}
