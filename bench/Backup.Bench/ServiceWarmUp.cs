namespace Backup.Bench;

internal static class ServiceWarmUp
{
    private const int ListingsPerBatch = 40;

    private static readonly TimeSpan BatchLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Brings a new service process to the state it lives in: methods compiled by the optimizing tier, the collector's
    /// young generation at its working size. The runtime counts a method's calls (30 before it is recompiled) only once
    /// no new method has been compiled for 100 ms, hence two batches of listings with a pause between them, and a pause
    /// after them for the background compiler. Otherwise the first rounds would hold seconds of compiling.
    /// </summary>
    public static async Task RunAsync(ServiceUnderTest service)
    {
        for (var batch = 0; batch < 2; batch++)
        {
            var until = DateTimeOffset.UtcNow + BatchLimit;
            for (var i = 0; i < ListingsPerBatch && DateTimeOffset.UtcNow < until; i++)
            {
                await Reads.AllAsync(service.Http, "actuator/backups");
                await Reads.AllAsync(service.Http, "actuator/backups?verbose=false");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}
