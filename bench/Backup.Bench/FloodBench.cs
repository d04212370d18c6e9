using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// Issue 13's amplifier: 60 list requests, 30 at a time, over 5,000 backups. What the service's memory, its answers
/// and the engine's listing reads do under a flood.
/// </summary>
internal static class FloodBench
{
    public static async Task RunAsync(EngineFlavor flavor, int size, int requests, int atOnce)
    {
        Console.WriteLine($"## A flood of listings: {requests} requests, {atOnce} at a time, {size:N0} backups, {flavor} emulator");
        Console.WriteLine();
        await using var engine = await Seeding.EngineWithBackupsAsync(flavor, size);
        using var service = await ServiceUnderTest.StartAsync(engine, Seeding.Repository);
        var before = service.Memory;
        service.ResetPeakMemory();
        engine.ClearRequests();

        using var gate = new SemaphoreSlim(atOnce);
        var statuses = await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await service.Http.GetAsync("actuator/backups", HttpCompletionOption.ResponseContentRead);
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));

        var listings = engine.Requests.Count(r => r.Method == "GET" && r.Path.Contains("/camunda_operate_*", StringComparison.Ordinal));
        Console.WriteLine("| memory before | peak | answers | engine listing reads (pages included) |");
        Console.WriteLine("|---:|---:|---|---:|");
        Console.WriteLine($"| {Units.Mb(before)} | {Units.Mb(service.PeakMemory)} | "
            + string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {(int)g.Key}"))
            + $" | {listings} |");
        Console.WriteLine();
    }
}
