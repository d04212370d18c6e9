namespace Backup.Bench;

/// <summary>The bench's own process, which the emulator lives in.</summary>
internal static class BenchProcess
{
    /// <summary>
    /// Collects the emulator's garbage before a measured round. Its answers are built whole (a verbose listing of 1,000
    /// backups is 20 MB of it), and left to itself the bench's collector paused the emulator for 20–40 ms in a quarter of
    /// the measured rounds, in the middle of a call, on the service's time or the engine's as it fell.
    /// </summary>
    public static void Settle() => GC.Collect();
}
