using System.Globalization;
using Backup.Bench;
using Backup.EngineEmulator;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Backup.Bench -- [scale|floor|state|create|takeover|console|followup|flood|all] [--check]
//     [--sizes 100,1000,10000] [--flavor elasticsearch8,opensearch2] [--rounds 15] [--part-seconds 0.5,2,5] [--backups 2]
// dotnet run -c Release --project bench/Backup.Bench -- micro [BenchmarkDotNet options, e.g. --filter '*']
if (args is [PassThrough.Command, var calls, var answerBytes])
{
    await PassThrough.RunAsync(calls, long.Parse(answerBytes, CultureInfo.InvariantCulture));
    return 0;
}

if (args is ["micro", .. var benchmarkArgs])
{
    BenchmarkSwitcher.FromAssembly(typeof(Reads).Assembly).Run(benchmarkArgs);
    return 0;
}

var check = args.Contains("--check");
var rest = args.Where(a => a != "--check").ToList();
var what = rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var options = rest.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Chunk(2)
    .ToDictionary(pair => pair[0].TrimStart('-'), pair => pair.ElementAtOrDefault(1) ?? "", StringComparer.OrdinalIgnoreCase);
var flavors = options.GetValueOrDefault("flavor", "elasticsearch8,opensearch2").Split(',')
    .Select(f => Enum.Parse<EngineFlavor>(f, ignoreCase: true)).ToList();
var sizes = Numbers(options.GetValueOrDefault("sizes", "100,1000,10000")).Select(n => (int)n).ToList();
var partTimes = Numbers(options.GetValueOrDefault("part-seconds", "0.5,2,5")).Select(TimeSpan.FromSeconds).ToList();
var backups = int.Parse(options.GetValueOrDefault("backups", "2"), CultureInfo.InvariantCulture);
int? rounds = options.TryGetValue("rounds", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : null;

Console.WriteLine($"Backup bench, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
    + $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine();
var cpuAtStart = CpuTicks.Read();
var goals = new Goals();
foreach (var flavor in flavors)
{
    if (what is "scale" or "floor" or "all")
    {
        await ScaleBench.RunAsync(flavor, sizes, rounds, goals, withFloor: what is "floor");
    }

    if (what is "state" or "all")
    {
        await StateBench.RunAsync(flavor, 1_000, goals);
    }

    if (what is "create" or "all")
    {
        await CreateBench.RunAsync(flavor, 1_000, rounds, goals);
    }

    if (what is "takeover" or "all")
    {
        await TakeoverBench.RunAsync(flavor, sizes.Max(), goals);
    }

    if (what is "console")
    {
        await ConsoleBench.RunAsync(flavor, sizes.Max());
    }

    if (what is "flood")
    {
        await FloodBench.RunAsync(flavor, sizes.Max(), requests: 60, atOnce: 30);
    }

    if (what is "followup" or "all")
    {
        await FollowUpBench.RunAsync(flavor, partTimes, backups);
    }
}

Console.WriteLine($"Finished {DateTimeOffset.UtcNow:HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, "
    + $"CPU time stolen by the hypervisor {CpuTicks.Read().StealSince(cpuAtStart):0.0%}");
Console.WriteLine();
var exit = goals.Report();
return check ? exit : 0;

static IEnumerable<double> Numbers(string list) => list.Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture));
