using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// How long after the engine finished part k the service starts part k+1, read from the engine's own start and end
/// times, and how often the service looked at a running part meanwhile.
/// </summary>
internal static class FollowUpBench
{
    public static async Task RunAsync(EngineFlavor flavor, IReadOnlyList<TimeSpan> partTimes, int backupsEach)
    {
        await using var engine = await EngineEmulator.EngineEmulator.StartAsync(flavor);
        engine.CreateRepository(Seeding.Repository);
        engine.CreateIndices([.. CamundaIndices.Operate(), .. CamundaIndices.DatedCopies("operate", "operate", "2024-01-15")]);
        using var service = await ServiceUnderTest.StartAsync(engine, Seeding.Repository);
        using var direct = new HttpClient { BaseAddress = engine.Url };

        Console.WriteLine($"## Follow-up delay, {flavor} emulator, default settings (Backup:MaxPollInterval 5 s)");
        Console.WriteLine();
        Console.WriteLine("| part takes | follow-ups | p50 | p99 | max | progress reads per part |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var id = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var partTime in partTimes)
        {
            engine.SnapshotDuration = partTime;
            var delays = new Timing();
            var looks = 0;
            for (var b = 0; b < backupsEach; b++)
            {
                id++;
                engine.ClearRequests();
                using (var created = await service.Http.PostAsJsonAsync("actuator/backups", new { backupId = id }))
                {
                    created.EnsureSuccessStatusCode();
                }

                await WaitUntilSettledAsync(service.Http, id);
                looks += engine.Requests.Count(r => r.Path.Contains($"camunda_operate_{id}_", StringComparison.Ordinal) && r.Path.EndsWith("/_status", StringComparison.Ordinal));
                var parts = await PartsAsync(direct, id);
                for (var k = 1; k < parts.Count; k++)
                {
                    delays.Add(parts[k].Start - parts[k - 1].End);
                }
            }

            Console.WriteLine($"| {partTime.TotalSeconds:0.#} s | {delays.Count} | {Units.Ms(delays.Median)} | {Units.Ms(delays.Percentile(99))} "
                + $"| {Units.Ms(delays.Percentile(100))} | {(double)looks / (backupsEach * 6):0.0} |");
        }

        Console.WriteLine();
    }

    private static async Task WaitUntilSettledAsync(HttpClient service, long id)
    {
        while (true)
        {
            var state = await service.GetFromJsonAsync<JsonObject>($"actuator/backups/{id}");
            if ((string?)state!["state"] is not "IN_PROGRESS")
            {
                if ((string?)state["state"] is not "COMPLETED")
                {
                    throw new InvalidOperationException($"Backup {id} ended {state["state"]}: {state["failureReason"]}");
                }

                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<List<(DateTimeOffset Start, DateTimeOffset End)>> PartsAsync(HttpClient engine, long id)
    {
        var listed = await engine.GetFromJsonAsync<JsonObject>($"_snapshot/{Seeding.Repository}/camunda_operate_{id}_*");
        return
        [
            .. listed!["snapshots"]!.AsArray()
                .OrderBy(s => (string)s!["snapshot"]!, StringComparer.Ordinal)
                .Select(s => (
                    DateTimeOffset.FromUnixTimeMilliseconds((long)s!["start_time_in_millis"]!),
                    DateTimeOffset.FromUnixTimeMilliseconds((long)s["end_time_in_millis"]!))),
        ];
    }
}
