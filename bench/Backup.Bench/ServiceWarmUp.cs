namespace Backup.Bench;

internal static class ServiceWarmUp
{
    private const int ListingsPerBatch = 40;

    private const int MinBatches = 3;

    private const int MaxBatches = 8;

    /// <summary>Two batches in a row within this of each other's CPU: the service has stopped changing.</summary>
    private const double Settled = 0.05;

    /// <summary>What the kernel's CPU clock can tell apart (two of its ticks), which a small batch's 5 % is under.</summary>
    private static readonly TimeSpan ClockResolution = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan BatchLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Brings a new service process to the state it lives in: methods compiled by the optimizing tier, the collector's
    /// young generation at its working size. The runtime counts a method's calls (30 before it is recompiled) only once
    /// no new method has been compiled for 100 ms, and with dynamic PGO a hot method is compiled three times (plain,
    /// instrumented, optimized), hence batches of listings with a pause after each for the background compiler, until
    /// two batches in a row cost the service the same CPU. A fixed two batches left the first measured row
    /// at 100 backups with 18–46 % more CPU per list than the same row measured again after it (twelfth round).
    /// </summary>
    public static async Task RunAsync(ServiceUnderTest service)
    {
        TimeSpan? previous = null;
        for (var batch = 1; batch <= MaxBatches; batch++)
        {
            var cpu = await BatchAsync(service);
            if (batch >= MinBatches && previous is { } last && (cpu - last).Duration() <= Max(last * Settled, ClockResolution))
            {
                return;
            }

            previous = cpu;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>One batch and the pause after it: the service's CPU over both.</summary>
    private static async Task<TimeSpan> BatchAsync(ServiceUnderTest service)
    {
        var cpuBefore = service.CpuTime;
        var until = DateTimeOffset.UtcNow + BatchLimit;
        for (var i = 0; i < ListingsPerBatch && DateTimeOffset.UtcNow < until; i++)
        {
            await Reads.AllAsync(service.Http, "actuator/backups");
            await Reads.AllAsync(service.Http, "actuator/backups?verbose=false");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        return service.CpuTime - cpuBefore;
    }
}
