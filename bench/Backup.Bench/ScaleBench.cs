using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// <c>GET /actuator/backups</c> over repositories of 100 to 10,000 backups, each against the engine's time for the
/// very calls the service made (recorded by the emulator, sent again straight to it), interleaved in one run: the
/// service's own share is the difference, round by round.
/// </summary>
internal static class ScaleBench
{
    private const int WarmUps = 3;

    /// <param name="withFloor">
    /// Each list also through <see cref="PassThrough"/>, on a row of its own under the service's: the share any service
    /// passing the same answers on would have. Its rows hold no goal.
    /// </param>
    public static async Task RunAsync(EngineFlavor flavor, IReadOnlyList<int> sizes, int? rounds, Goals goals, bool withFloor = false)
    {
        Console.WriteLine($"## List, {flavor} emulator, completed backups of 6 parts");
        Console.WriteLine();
        Console.WriteLine("| backups | list | rounds | service | engine, the service's calls | service's own share (p25–p75) | share of the engine's time (p25–p75) | service CPU per list | answer | peak memory growth |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            await using var engine = await Seeding.EngineWithBackupsAsync(flavor, size);
            using var service = await ServiceUnderTest.StartAsync(engine, Seeding.Repository);
            using var direct = Seeding.Client(engine);
            await ServiceWarmUp.RunAsync(service);
            foreach (var verbose in new[] { true, false })
            {
                var path = verbose ? "actuator/backups" : "actuator/backups?verbose=false";
                var list = verbose ? "verbose" : "verbose=false";
                var row = await MeasureAsync(engine, service, direct, size, list, path, rounds ?? RoundsFor(size));
                var name = $"{flavor} {size} {list}";
                goals.Add(row.Shares.Goal($"{name} share", row.EngineMedian));
                var memoryBar = Goals.MemoryBar(row.Answer);
                goals.Add(new Goal($"{name} memory", Units.Mb(row.Growth), Units.Mb(memoryBar), row.Growth <= memoryBar));
                if (withFloor)
                {
                    using var passThrough = await PassThrough.StartAsync(engine, row.Replay.Calls, row.Answer);
                    await ServiceWarmUp.RunAsync(passThrough);
                    await MeasureAsync(engine, passThrough, direct, size, $"{list}, pass-through", path, rounds ?? RoundsFor(size), row);
                }
            }
        }

        Console.WriteLine();
    }

    /// <summary>Enough rounds that two runs' medians agree within 10 % on a busy two-core machine, in about half a minute each.</summary>
    private static int RoundsFor(int size) => size switch
    {
        <= 100 => 101,
        <= 1_000 => 61,
        _ => 15,
    };

    /// <summary>One row of the table: <paramref name="service"/> (or the pass-through) against the engine, round by round.</summary>
    /// <param name="passedOn">
    /// The service's row the pass-through stands in for: its engine calls are the replay, so that nothing else the
    /// engine answers meanwhile (the idle service's own scan) is taken for them.
    /// </param>
    private static async Task<Row> MeasureAsync(
        EngineEmulator.EngineEmulator engine, ServiceUnderTest service, HttpClient direct, int size, string list, string path, int rounds, Row? passedOn = null)
    {
        long answer = 0;
        async Task ReadAnswer() => answer = await Reads.AllAsync(service.Http, path);
        var replay = passedOn?.Replay ?? await EngineReplay.CaptureAsync(engine, direct, ReadAnswer);
        if (passedOn is not null)
        {
            await ReadAnswer();
        }

        for (var i = 0; i < WarmUps; i++)
        {
            await Reads.AllAsync(service.Http, path);
            await replay.RunAsync();
        }

        service.ResetPeakMemory();
        var before = service.Memory;
        var cpuBefore = service.CpuTime;
        var servedTimes = new Timing();
        var asked = new Timing();
        var shares = new OwnShares();
        for (var i = 0; i < rounds; i++)
        {
            BenchProcess.Settle();

            // Interleaved, and in turns which goes first, so that both see the same machine.
            double engineTime;
            ServiceCall served;
            if (i % 2 == 0)
            {
                served = await ServiceCall.MeasureAsync(engine, () => Reads.AllAsync(service.Http, path));
                engineTime = await Timing.MillisecondsAsync(replay.RunAsync);
            }
            else
            {
                engineTime = await Timing.MillisecondsAsync(replay.RunAsync);
                served = await ServiceCall.MeasureAsync(engine, () => Reads.AllAsync(service.Http, path));
            }

            servedTimes.Add(served.Milliseconds);
            asked.Add(engineTime);
            shares.Add(served);
        }

        var growth = service.PeakMemory - before;
        var cpu = (service.CpuTime - cpuBefore).TotalMilliseconds / rounds;
        Console.WriteLine(
            $"| {size:N0} | {list} | {rounds} | {Units.Ms(servedTimes.Median)} | {Units.Ms(asked.Median)} ({replay.Calls.Count} calls) "
            + $"| {shares.Cells} | {Units.Ms(cpu)} | {Units.Mb(answer)} | {Units.Mb(growth)} |");
        return new Row(answer, replay, shares, asked.Median, growth);
    }

    private sealed record Row(long Answer, EngineReplay Replay, OwnShares Shares, double EngineMedian, long Growth);
}
