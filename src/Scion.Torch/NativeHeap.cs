using System.Runtime.InteropServices;

namespace Scion.Torch;

/// <summary>
/// glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MiB), so torch's tensors of
/// tens of MiB end up in the heap arenas, and the arenas fragment instead of shrinking: sampling 600 guided 32×32
/// images grew by about 35 MB a step (6 GB at step 110 of 250, and out of memory for a deeper teacher) with a
/// constant number of live tensors. A fixed threshold of 16 MiB hands the large blocks back to the system when freed
/// (the same sampling stays at 0.9–1.4 GB). 4 MiB kept it lower still but made EvaluateGraft's hybrid sampling 1.7×
/// slower, mapping blocks of a few MiB afresh on every use; at 16 MiB that task took 178 s against 159 s (README).
/// </summary>
public static class NativeHeap
{
    /// <summary>The fixed threshold: blocks of at least this many bytes are mapped and unmapped one by one.</summary>
    public const int MmapThresholdBytes = 16 << 20;

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
