using System.Reflection;
using TorchSharp;

namespace Scion.Torch;

/// <summary>Versions and threads of the torch runtime, for <c>--info</c> and reports.</summary>
public static class TorchRuntime
{
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The libtorch version TorchSharp was built against (from its package dependency name).</summary>
    public static string LibTorchVersion => torch.__version__;

    public static int Threads => torch.get_num_threads();

    public static IEnumerable<string> Describe()
    {
        yield return $"TorchSharp: {TorchSharpVersion} (libtorch {LibTorchVersion})";
        yield return $"Torch threads: {Threads} (processors: {Environment.ProcessorCount})";
        yield return $"CUDA: {(TorchDevice.CudaAvailable ? $"available, {torch.cuda.device_count()} device(s)" : "not available")}";
        yield return "Devices: cpu" + (TorchDevice.CudaAvailable ? ", cuda" : "");
    }
}
