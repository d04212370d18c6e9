using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// The takeover scan (every replica looks for backups another replica left half-taken) on three replicas of the
/// service over one engine holding only finished backups: how many engine calls a scan makes, and the engine's time
/// for them, scaled to the scan's production pace (once a minute per replica).
/// </summary>
internal static class TakeoverBench
{
    private const int Replicas = 3;
    private const int ScansPerReplicaPerMinute = 1;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    /// <summary>The engine time the three replicas' scans may take in a minute: 2 % of it.</summary>
    private const double BarPerMinute = 1_200;

    public static async Task RunAsync(EngineFlavor flavor, int size, Goals goals)
    {
        Console.WriteLine($"## Takeover scan, {Replicas} replicas, {size:N0} backups, {flavor} emulator");
        Console.WriteLine();
        await using var engine = await Seeding.EngineWithBackupsAsync(flavor, size);
        using var direct = Seeding.Client(engine);

        // A 5 s incomplete-check timeout makes each replica scan every second instead of every minute.
        var fast = new Dictionary<string, string> { ["Backup__IncompleteCheckTimeout"] = "00:00:05" };
        var replicas = new List<ServiceUnderTest>();
        List<RecordedRequest> calls;
        try
        {
            for (var i = 0; i < Replicas; i++)
            {
                replicas.Add(await ServiceUnderTest.StartAsync(engine, Seeding.Repository, fast));
            }

            // Past the start-up scans, then a window of periodic scans only.
            await Task.Delay(TimeSpan.FromSeconds(3));
            engine.ClearRequests();
            await Task.Delay(Window);
            calls = [.. engine.Requests.Where(r => r.Path.Contains("/camunda_operate_", StringComparison.Ordinal))];
        }
        finally
        {
            replicas.ForEach(r => r.Dispose());
        }

        // The engine's time for one scan's calls is measured with the replicas gone, so that it is the engine's alone.
        var scans = calls.Count(r => r.Path.EndsWith("/camunda_operate_*", StringComparison.Ordinal) && r.Query.Contains("verbose=false", StringComparison.Ordinal));
        var perScan = calls.Count / (double)Math.Max(scans, 1);
        var oneScan = new EngineReplay(direct, calls.Take((int)Math.Ceiling(perScan)).ToList());
        await oneScan.RunAsync();
        // The engine's load is its own time answering, not the round trip: what the bench takes to read the answer is not.
        var engineTime = new Timing();
        for (var i = 0; i < 15; i++)
        {
            engineTime.Add((await ServiceCall.MeasureAsync(engine, oneScan.RunAsync)).EngineMilliseconds);
        }

        var perMinute = engineTime.Median * Replicas * ScansPerReplicaPerMinute;
        Console.WriteLine("| scans seen | engine calls per scan | engine time per scan (p25–p75) | engine time a minute, 3 replicas | share of the engine's minute |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {scans} in {Window.TotalSeconds:0} s | {perScan:0.0} | {Units.Ms(engineTime.Median)} ({engineTime.Spread}) | {Units.Ms(perMinute)} | {perMinute / 60_000:0.0%} |");
        Console.WriteLine();
        var name = $"{flavor} {size} takeover scan on {Replicas} replicas";
        goals.Add(new Goal($"{name}, engine calls per scan", $"{perScan:0.0}", "1.0", scans > 0 && perScan <= 1));
        goals.Add(new Goal($"{name}, engine time a minute", Units.Ms(perMinute), Units.Ms(BarPerMinute), scans > 0 && perMinute <= BarPerMinute));
    }
}
