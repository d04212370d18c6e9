using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// The web console's list (<c>GET /actuator/console/api/backups</c>), a page at a time: the first page, the next, one
/// deep in the list, and a state filter, each with the engine calls it cost.
/// </summary>
internal static class ConsoleBench
{
    private const int Rounds = 9;

    public static async Task RunAsync(EngineFlavor flavor, int size)
    {
        Console.WriteLine($"## The console's list, {size:N0} backups, {flavor} emulator, {Rounds} rounds after one uncounted");
        Console.WriteLine();
        await using var engine = await Seeding.EngineWithBackupsAsync(flavor, size);
        using var service = await ServiceUnderTest.StartAsync(engine, Seeding.Repository);
        Console.WriteLine("| page | p50 | p25–p75 | service CPU per page | engine calls per page | answer |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (what, query) in new[]
        {
            ("first page", "offset=0&limit=50"),
            ("next page", "offset=50&limit=50"),
            ($"page {(size / 2 / 50) + 1:N0}", $"offset={size / 2}&limit=50"),
            ("state COMPLETED", "state=COMPLETED&offset=0&limit=50"),
        })
        {
            var path = "actuator/console/api/backups?" + query;
            long bytes = 0;
            async Task PageAsync()
            {
                using var response = await service.Http.GetAsync(path);
                response.EnsureSuccessStatusCode();
                bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            }

            await PageAsync();
            engine.ClearRequests();
            var cpu = service.CpuTime;
            var timing = await Timing.RepeatAsync(Rounds, PageAsync);
            var cpuPerPage = (service.CpuTime - cpu).TotalMilliseconds / Rounds;
            Console.WriteLine($"| {what} | {Units.Ms(timing.Median)} | {timing.Spread} | {Units.Ms(cpuPerPage)} | {engine.Requests.Count(r => r.Path.Contains("/_snapshot/", StringComparison.Ordinal)) / (double)Rounds:0.0} | {bytes / 1024d:0.0} KB |");
        }

        Console.WriteLine();
    }
}
