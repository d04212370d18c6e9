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

    private const int ProcessWarmUps = 40;

    private static readonly TimeSpan ProcessWarmUpLimit = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(EngineFlavor flavor, IReadOnlyList<int> sizes, int? rounds, Goals goals)
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
            await WarmUpAsync(service);
            foreach (var verbose in new[] { true, false })
            {
                var path = verbose ? "actuator/backups" : "actuator/backups?verbose=false";
                await MeasureAsync(engine, service, direct, flavor, size, verbose, path, rounds ?? RoundsFor(size), goals);
            }
        }

        Console.WriteLine();
    }

    /// <summary>
    /// Brings a new service process to the state it lives in: methods compiled by the optimizing tier, the collector's
    /// young generation at its working size. The runtime counts a method's calls (30 before it is recompiled) only once
    /// no new method has been compiled for 100 ms, hence two batches with a pause between them, and a pause after them
    /// for the background compiler. Otherwise the first row's figures would hold seconds of compiling.
    /// </summary>
    private static async Task WarmUpAsync(ServiceUnderTest service)
    {
        for (var batch = 0; batch < 2; batch++)
        {
            var until = DateTimeOffset.UtcNow + ProcessWarmUpLimit;
            for (var i = 0; i < ProcessWarmUps && DateTimeOffset.UtcNow < until; i++)
            {
                await Reads.AllAsync(service.Http, "actuator/backups");
                await Reads.AllAsync(service.Http, "actuator/backups?verbose=false");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Enough rounds that two runs' medians agree within 10 % on a busy two-core machine, in about half a minute each.</summary>
    private static int RoundsFor(int size) => size switch
    {
        <= 100 => 101,
        <= 1_000 => 61,
        _ => 15,
    };

    private static async Task MeasureAsync(
        EngineEmulator.EngineEmulator engine, ServiceUnderTest service, HttpClient direct, EngineFlavor flavor, int size, bool verbose, string path, int rounds, Goals goals)
    {
        long answer = 0;
        var replay = await EngineReplay.CaptureAsync(engine, direct, async () => answer = await Reads.AllAsync(service.Http, path));
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
        var list = verbose ? "verbose" : "verbose=false";
        Console.WriteLine(
            $"| {size:N0} | {list} | {rounds} | {Units.Ms(servedTimes.Median)} | {Units.Ms(asked.Median)} ({replay.Calls.Count} calls) "
            + $"| {shares.Cells} | {Units.Ms(cpu)} | {Units.Mb(answer)} | {Units.Mb(growth)} |");
        var name = $"{flavor} {size} {list}";
        goals.Add(shares.Goal($"{name} share", asked.Median));
        var memoryBar = Goals.MemoryBar(answer);
        goals.Add(new Goal($"{name} memory", Units.Mb(growth), Units.Mb(memoryBar), growth <= memoryBar));
    }
}
