using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// <c>POST /actuator/backups</c> from request to answer, over a repository of completed backups: the service's own share
/// against the engine's time answering it during the call, and the engine's time for the same calls sent again
/// straight to it (the first part's snapshot under another name, so that the service never sees it), round by round.
/// </summary>
internal static class CreateBench
{
    /// <summary>About a minute per engine; with the 12 it had, OpenSearch's share had a middle half of 42–124 %.</summary>
    private const int DefaultRounds = 31;

    /// <summary>Creates not counted, after the listings' warm-up: the first still compiles the create's own steps (83–155 ms, not 25–45).</summary>
    private const int WarmUps = 5;

    public static async Task RunAsync(EngineFlavor flavor, int size, int? rounds, Goals goals)
    {
        Console.WriteLine($"## Create, request to answer, {size:N0} backups, {flavor} emulator");
        Console.WriteLine();
        await using var engine = await Seeding.EngineWithBackupsAsync(flavor, size);
        using var service = await ServiceUnderTest.StartAsync(engine, Seeding.Repository);
        using var direct = Seeding.Client(engine);
        await ServiceWarmUp.RunAsync(service);
        var counted = rounds ?? DefaultRounds;
        var served = new Timing();
        var asked = new Timing();
        var shares = new OwnShares();
        var calls = "";
        var id = Seeding.IdOf(size).Value;
        for (var round = -WarmUps; round < counted; round++)
        {
            BenchProcess.Settle();
            id++;
            var backupId = id;
            ServiceCall call = default;
            var replay = await EngineReplay.CaptureAsync(engine, direct, async () => call = await ServiceCall.MeasureAsync(engine, async () =>
            {
                using var created = await service.Http.PostAsJsonAsync("actuator/backups", new { backupId });
                created.EnsureSuccessStatusCode();
            }));
            await WaitUntilCompletedAsync(service.Http, backupId);

            // Up to the answer only: the background worker's first look at the part may be recorded with them.
            var replayed = $"bench_replay_{backupId}_";
            var engineTime = await Timing.MillisecondsAsync(async () =>
            {
                foreach (var call in replay.Calls)
                {
                    await replay.SendAsync(call, p => p.Replace($"camunda_operate_{backupId}_", replayed, StringComparison.Ordinal));
                }
            });
            foreach (var snapshot in engine.SnapshotNames(Seeding.Repository).Where(n => n.StartsWith(replayed, StringComparison.Ordinal)))
            {
                engine.CompleteSnapshot(Seeding.Repository, snapshot);
            }

            if (round >= 0)
            {
                served.Add(call.Milliseconds);
                asked.Add(engineTime);
                shares.Add(call);
                calls = string.Join(", ", replay.Calls.Select(c => $"{c.Method} {c.Path.Replace(backupId.ToString(CultureInfo.InvariantCulture), "<id>", StringComparison.Ordinal)}{(c.Query.Contains("verbose=false", StringComparison.Ordinal) ? " (names)" : "")}"));
            }
        }

        Console.WriteLine("| rounds | service | engine, the service's calls | service's own share (p25–p75) | share of the engine's time (p25–p75) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {counted} | {Units.Ms(served.Median)} | {Units.Ms(asked.Median)} | {shares.Cells} |");
        Console.WriteLine();
        Console.WriteLine($"Engine calls before the answer: {calls}");
        Console.WriteLine();
        goals.Add(shares.Goal($"{flavor} {size} create share", asked.Median));
    }

    private static async Task WaitUntilCompletedAsync(HttpClient service, long id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((string?)(await service.GetFromJsonAsync<JsonObject>($"actuator/backups/{id}", deadline.Token))!["state"] is not "COMPLETED")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
