using TorchSharp;

namespace Scion.Torch;

/// <summary>The one place that turns <c>--device cpu|cuda|auto</c> into a torch device.</summary>
public static class TorchDevice
{
    public static bool CudaAvailable => torch.cuda.is_available();

    /// <summary>auto = CUDA when TorchSharp reports it, else CPU; cuda without a GPU is an error.</summary>
    public static torch.Device Resolve(string request) => request switch
    {
        "cpu" => torch.CPU,
        "cuda" => CudaAvailable ? torch.CUDA : throw new InvalidOperationException(CudaMissing),
        "auto" => CudaAvailable ? torch.CUDA : torch.CPU,
        _ => throw new ArgumentException($"Device '{request}' is not cpu, cuda or auto.", nameof(request)),
    };

    /// <summary>Null when the request can be served, else why not (checked before any task runs).</summary>
    public static string? Check(string request) => request == "cuda" && !CudaAvailable ? CudaMissing : null;

    private static string CudaMissing =>
        "CUDA was requested but TorchSharp reports no CUDA device (this build uses TorchSharp-cpu unless built with -p:ScionGpu=true, and needs a GPU).";
}
