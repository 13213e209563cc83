using Scion.Torch;

namespace Scion.Torch.Tests;

/// <summary>The host fixes glibc's mmap threshold, and leaves it to the user who set MALLOC_MMAP_THRESHOLD_.</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void The_threshold_is_fixed_on_linux_and_left_alone_when_the_user_set_it()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.FixMmapThreshold());
        Environment.SetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_", "1048576");
        try
        {
            Assert.False(NativeHeap.FixMmapThreshold());
        }
        finally
        {
            Environment.SetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_", null);
        }
    }
}
