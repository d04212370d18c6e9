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
        Console.WriteLine("| backups | list | rounds | service | engine, the service's calls | service's own share (p25–p75) | share of the engine's time (p25–p75) | the goal's median, 95 % | service CPU per list | answer | peak memory growth |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
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
                var row = await MeasureAsync(engine, service, direct, size, list, path, RoundsFor(size, rounds));
                var name = $"{flavor} {size} {list}";
                goals.Add(row.Shares.Goal($"{name} share", row.EngineMedian));
                var memoryBar = Goals.MemoryBar(row.Answer);
                goals.Add(new Goal($"{name} memory", Units.Mb(row.Growth), Units.Mb(memoryBar), row.Growth <= memoryBar));
                if (withFloor)
                {
                    using var passThrough = await PassThrough.StartAsync(engine, row.Replay.Calls, row.Answer);
                    await ServiceWarmUp.RunAsync(passThrough);
                    await MeasureAsync(engine, passThrough, direct, size, $"{list}, pass-through", path, RoundsFor(size, rounds), row);
                }
            }
        }

        Console.WriteLine();
    }

    /// <summary>
    /// Rounds until the median the goal is held on is known within 5 % (95 % confidence), so that two runs agree
    /// within 10 %: at least the fixed counts of the twelfth round and before, at most four to ten times them. Rows
    /// spread differently: a names-only list of 1,000 backups needs hundreds of rounds, a verbose one sixty.
    /// </summary>
    private static Rounds RoundsFor(int size, int? fixedCount) => fixedCount is { } count
        ? new Rounds(count, count)
        : size switch
        {
            <= 100 => new Rounds(101, 401),
            <= 1_000 => new Rounds(61, 601),
            _ => new Rounds(15, 61),
        };

    /// <summary>One row of the table: <paramref name="service"/> (or the pass-through) against the engine, round by round.</summary>
    /// <param name="passedOn">
    /// The service's row the pass-through stands in for: its engine calls are the replay, so that nothing else the
    /// engine answers meanwhile (the idle service's own scan) is taken for them.
    /// </param>
    private static async Task<Row> MeasureAsync(
        EngineEmulator.EngineEmulator engine, ServiceUnderTest service, HttpClient direct, int size, string list, string path, Rounds rounds, Row? passedOn = null)
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
        var counted = 0;
        for (; counted < rounds.Most && (counted < rounds.Least || shares.Uncertainty(asked.Median) > Rounds.Precision); counted++)
        {
            BenchProcess.Settle();

            // Interleaved, and in turns which goes first, so that both see the same machine.
            double engineTime;
            ServiceCall served;
            if (counted % 2 == 0)
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
        var cpu = (service.CpuTime - cpuBefore).TotalMilliseconds / counted;
        Console.WriteLine(
            $"| {size:N0} | {list} | {counted} | {Units.Ms(servedTimes.Median)} | {Units.Ms(asked.Median)} ({replay.Calls.Count} calls) "
            + $"| {shares.Cells} | ±{shares.Uncertainty(asked.Median):0.0%} | {Units.Ms(cpu)} | {Units.Mb(answer)} | {Units.Mb(growth)} |");
        return new Row(answer, replay, shares, asked.Median, growth);
    }

    /// <param name="Least">Rounds counted whatever the figures.</param>
    /// <param name="Most">Rounds after which the row ends however uncertain its median still is.</param>
    private readonly record struct Rounds(int Least, int Most)
    {
        public const double Precision = 0.05;
    }

    private sealed record Row(long Answer, EngineReplay Replay, OwnShares Shares, double EngineMedian, long Growth);
}
