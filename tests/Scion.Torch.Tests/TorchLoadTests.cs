using System.Diagnostics;
using Scion.Torch;
using TorchSharp;

namespace Scion.Torch.Tests;

public sealed class TorchLoadTests
{
    [Fact]
    public void A_tensor_operation_runs_in_the_test_process()
    {
        using var a = torch.ones(2, 3);
        using var b = torch.full(3, 4, 2f);
        using var product = a.matmul(b);
        Assert.Equal(new long[] { 2, 4 }, product.shape);
        Assert.Equal(6f * 8, product.sum().item<float>());
        Assert.True(TorchRuntime.Threads >= 1);
    }

    [Fact]
    public void The_device_is_decided_in_one_place()
    {
        Assert.Equal(DeviceType.CPU, TorchDevice.Resolve("cpu").type);
        Assert.Equal(TorchDevice.CudaAvailable ? DeviceType.CUDA : DeviceType.CPU, TorchDevice.Resolve("auto").type);
        if (!TorchDevice.CudaAvailable)
        {
            Assert.Contains("no CUDA device", TorchDevice.Check("cuda"));
            Assert.Throws<InvalidOperationException>(() => TorchDevice.Resolve("cuda"));
        }

        Assert.Null(TorchDevice.Check("cpu"));
    }

    [Fact]
    public void The_native_fix_is_idempotent()
    {
        string native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        string lib = Path.Combine(native, "libLibTorchSharp.so");
        if (!OperatingSystem.IsLinux() || !File.Exists(lib))
        {
            return;
        }

        string script = Path.Combine(RepositoryRoot(), "build", "native", "fix-torchsharp.sh");
        byte[] before = File.ReadAllBytes(lib);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { script, native, Path.Combine(Path.GetTempPath(), "scion-native-test") })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(lib));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "build.sh")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
