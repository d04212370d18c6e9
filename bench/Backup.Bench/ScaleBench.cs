using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Backup.EngineEmulator;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.Bench;

/// <summary>
/// The list and get-by-id endpoints over repositories of 100 to 10,000 backups, each against the same data read
/// straight from the engine: what the service adds to the engine's own cost.
/// </summary>
internal static class ScaleBench
{
    private const string EngineList = $"_snapshot/{Seeding.Repository}/camunda_operate_*?ignore_unavailable=true";

    public static async Task RunAsync(EngineFlavor flavor, IReadOnlyList<int> sizes)
    {
        Console.WriteLine($"## List and get-by-id, {flavor} emulator, completed backups of 6 parts");
        Console.WriteLine();
        Console.WriteLine("| backups | list | service | engine | ratio | engine, as the service asks | answer | service peak memory growth |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        var byId = new List<string>();
        foreach (var size in sizes)
        {
            await using var engine = await Seeding.EngineWithBackupsAsync(flavor, size);
            using var service = await ServiceUnderTest.StartAsync(engine, Seeding.Repository);
            using var direct = new HttpClient { BaseAddress = engine.Url, Timeout = TimeSpan.FromMinutes(5) };
            var repetitions = size >= 10_000 ? 5 : 15;

            foreach (var verbose in new[] { true, false })
            {
                var query = verbose ? "" : "?verbose=false";
                var engineQuery = verbose ? "" : "&verbose=false";
                await Reads.AllAsync(service.Http, $"actuator/backups{query}");
                await Reads.AllAsync(direct, EngineList + engineQuery);
                service.ResetPeakMemory();
                var before = service.Memory;
                long answer = 0;
                var served = new Timing();
                var fetched = new Timing();
                for (var i = 0; i < repetitions; i++)
                {
                    // Interleaved, so that both see the same machine.
                    await served.MeasureAsync(async () => answer = await Reads.AllAsync(service.Http, $"actuator/backups{query}"));
                    await fetched.MeasureAsync(() => Reads.AllAsync(direct, EngineList + engineQuery));
                }

                var peakGrowth = service.PeakMemory - before;
                var asAsked = await Timing.RepeatAsync(repetitions, () => AsTheServiceAsksAsync(direct, flavor, verbose));
                engine.ClearRequests();
                Console.WriteLine(
                    $"| {size:N0} | {(verbose ? "verbose" : "verbose=false")} | {Units.Ms(served.Median)} | {Units.Ms(fetched.Median)} "
                    + $"| {served.Median / fetched.Median:0.00} | {Units.Ms(asAsked.Median)} | {Units.Mb(answer)} | {Units.Mb(peakGrowth)} |");
            }

            byId.Add(await GetByIdAsync(engine, service, direct, size));
        }

        Console.WriteLine();
        Console.WriteLine("| backups | get-by-id p50 | p99 | engine p50 | p99 | overhead p50 | service req/s (8 clients) | engine req/s (8 clients) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        byId.ForEach(Console.WriteLine);
        Console.WriteLine();
    }

    private static async Task<string> GetByIdAsync(EngineEmulator.EngineEmulator engine, ServiceUnderTest service, HttpClient direct, int size)
    {
        var random = new Random(42);
        var ids = Enumerable.Range(0, 2_000).Select(_ => Seeding.IdOf(random.Next(size))).ToList();
        string Served(int i) => $"actuator/backups/{ids[i % ids.Count]}";
        string Fetched(int i) => $"_snapshot/{Seeding.Repository}/camunda_operate_{ids[i % ids.Count]}_*?ignore_unavailable=true";

        for (var i = 0; i < 200; i++)
        {
            await Reads.AllAsync(service.Http, Served(i));
            await Reads.AllAsync(direct, Fetched(i));
        }

        // Interleaved, so that both see the same machine.
        var served = new Timing();
        var fetched = new Timing();
        for (var i = 0; i < ids.Count; i++)
        {
            await served.MeasureAsync(() => Reads.AllAsync(service.Http, Served(i)));
            await fetched.MeasureAsync(() => Reads.AllAsync(direct, Fetched(i)));
        }

        var servedRate = await ThroughputAsync(i => Reads.AllAsync(service.Http, Served(i)));
        var fetchedRate = await ThroughputAsync(i => Reads.AllAsync(direct, Fetched(i)));
        engine.ClearRequests();
        return $"| {size:N0} | {Units.Ms(served.Median)} | {Units.Ms(served.Percentile(99))} | {Units.Ms(fetched.Median)} "
            + $"| {Units.Ms(fetched.Percentile(99))} | {Units.Ms(served.Median - fetched.Median)} | {servedRate:N0} | {fetchedRate:N0} |";
    }

    /// <summary>The engine's part of a list request: the same reads the service makes (filtered, and paged when verbose).</summary>
    private static async Task AsTheServiceAsksAsync(HttpClient engine, EngineFlavor flavor, bool verbose)
    {
        var path = $"{EngineList}&filter_path={SnapshotApiRepository.ListedFields}";
        if (!verbose || Seeding.IsOpenSearch(flavor))
        {
            await Reads.AllAsync(engine, verbose ? path : path + "&verbose=false");
            return;
        }

        string? after = null;
        do
        {
            var page = await engine.GetFromJsonAsync<JsonObject>(
                $"{path}&sort=name&size={SnapshotApiRepository.PageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"));
            after = (string?)page!["next"];
        }
        while (after is not null);
    }

    /// <summary>Requests a second with 8 clients at once, over 4,000 requests.</summary>
    private static async Task<double> ThroughputAsync(Func<int, Task> request)
    {
        const int Clients = 8;
        const int Requests = 4_000;
        var next = -1;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                await request(i);
            }
        }));
        return Requests / System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
