using System.Runtime.InteropServices;

namespace Scion.Torch;

/// <summary>
/// glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MiB), so torch's tensors of a
/// few MiB end up in the heap arenas, and the arenas fragment instead of shrinking: sampling 600 guided 32×32
/// images grew by about 35 MB a step (6 GB at step 110 of 250, and out of memory for a deeper teacher) with a
/// constant number of live tensors. A fixed threshold hands blocks from 4 MiB up back to the system when freed:
/// the same sampling stays at 0.3–0.7 GB, and training throughput in BenchDiT stays within its noise (README).
/// </summary>
public static class NativeHeap
{
    /// <summary>The fixed threshold: blocks of at least this many bytes are mapped and unmapped one by one.</summary>
    public const int MmapThresholdBytes = 4 << 20;

    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in glibc's malloc.h

    /// <summary>Fixes the threshold on Linux with glibc, unless MALLOC_MMAP_THRESHOLD_ already sets it; true if applied.</summary>
    public static bool FixMmapThreshold()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null)
        {
            return false;
        }

        try
        {
            return mallopt(MmapThresholdOption, MmapThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl has its own allocator); nothing to fix
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int mallopt(int option, int value);
}
