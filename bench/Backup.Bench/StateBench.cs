using System.Diagnostics;
using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// <c>GET /actuator/backups/{id}</c> of one backup asked by 50 clients at once (a dashboard on every operator's
/// screen), against the engine answering the service's own call for it to 50 clients at once, in interleaved rounds.
/// </summary>
internal static class StateBench
{
    private const int Clients = 50;
    private const int RequestsPerRound = 500;
    private const int Rounds = 8;

    /// <summary>What 50 clients polling one backup may wait, at most, for 99 answers in 100.</summary>
    private const double P99Bar = 250;

    public static async Task RunAsync(EngineFlavor flavor, int size, Goals goals)
    {
        Console.WriteLine($"## The state of one backup, {Clients} clients at once, {size:N0} backups, {flavor} emulator");
        Console.WriteLine();
        await using var engine = await Seeding.EngineWithBackupsAsync(flavor, size);
        using var service = await ServiceUnderTest.StartAsync(engine, Seeding.Repository);
        using var direct = Seeding.Client(engine);
        var path = $"actuator/backups/{Seeding.IdOf(size / 2)}";
        var replay = await EngineReplay.CaptureAsync(engine, direct, () => Reads.AllAsync(service.Http, path));
        var served = new Timing();
        var asked = new Timing();
        var servedRate = new Timing();
        var askedRate = new Timing();
        var failed = 0;
        await LoadAsync(() => Reads.AllAsync(service.Http, path), new Timing());
        await LoadAsync(replay.RunAsync, new Timing());

        var engineCalls = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // In turns which goes first, so that both see the same machine.
            if (round % 2 == 1)
            {
                askedRate.Add((await LoadAsync(replay.RunAsync, asked)).Rate);
            }

            engine.ClearRequests();
            var (serviceRate, serviceFailed) = await LoadAsync(() => Reads.AllAsync(service.Http, path), served);
            // Only the answer's own reads: the service's background reads (the takeover scan, the newest backup's watch) may
            // fall in a round, and are no answer's.
            engineCalls += engine.Requests.Count(r => replay.Calls.Any(c => c.Path == r.Path));
            servedRate.Add(serviceRate);
            failed += serviceFailed;
            if (round % 2 == 0)
            {
                askedRate.Add((await LoadAsync(replay.RunAsync, asked)).Rate);
            }
        }

        var callsPerAnswer = (double)engineCalls / (Rounds * RequestsPerRound);
        Console.WriteLine("| | p50 | p99 | answers/s | engine calls per answer | failed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| service | {Units.Ms(served.Median)} | {Units.Ms(served.Percentile(99))} | {servedRate.Median:N0} | {callsPerAnswer:0.00} | {failed} |");
        Console.WriteLine($"| engine, the service's call ({replay.Calls.Count}) | {Units.Ms(asked.Median)} | {Units.Ms(asked.Percentile(99))} | {askedRate.Median:N0} | | |");
        Console.WriteLine();
        var name = $"{flavor} {size} one backup, {Clients} clients";
        goals.Add(new Goal($"{name} p99", Units.Ms(served.Percentile(99)), Units.Ms(P99Bar), served.Percentile(99) <= P99Bar && failed == 0));
        goals.Add(new Goal($"{name} engine calls per answer", $"{callsPerAnswer:0.00}", "1.00", callsPerAnswer <= 1));
    }

    /// <summary>Answers a second over <see cref="RequestsPerRound"/> requests from <see cref="Clients"/> clients, and how many failed.</summary>
    private static async Task<(double Rate, int Failed)> LoadAsync(Func<Task> request, Timing latencies)
    {
        var next = -1;
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            while (Interlocked.Increment(ref next) < RequestsPerRound)
            {
                try
                {
                    await latencies.MeasureAsync(request);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(clients);
        return (RequestsPerRound / Stopwatch.GetElapsedTime(started).TotalSeconds, failed);
    }
}
