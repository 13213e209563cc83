using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Scion.Hosting;
using Scion.Torch;

namespace Scion.Host;

/// <summary>--info and the device check. Torch and ONNX Runtime are touched only here and when a task
/// uses them, so that cached reruns never pay for loading them.</summary>
internal sealed class HostServices : IHostServices
{
    public IEnumerable<string> Info()
    {
        yield return $".NET: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})";
        yield return $"OS: {RuntimeInformation.OSDescription}";
        foreach (string line in TorchRuntime.Describe())
        {
            yield return line;
        }

        yield return $"ONNX Runtime: {OrtEnv.Instance().GetVersionString()} (providers: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())})";
    }

    public string? CheckDevice(string device) => TorchDevice.Check(device);
}
