using System.Globalization;
using Backup.Bench;
using Backup.EngineEmulator;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Backup.Bench -- [scale|followup|flood|all] [--sizes 100,1000,10000] [--flavor elasticsearch8]
//                                                          [--part-seconds 0.5,2,5] [--backups 2]
// dotnet run -c Release --project bench/Backup.Bench -- micro [BenchmarkDotNet options, e.g. --filter '*']
if (args is ["micro", .. var benchmarkArgs])
{
    BenchmarkSwitcher.FromAssembly(typeof(Reads).Assembly).Run(benchmarkArgs);
    return 0;
}

var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var options = args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Chunk(2)
    .ToDictionary(pair => pair[0].TrimStart('-'), pair => pair.ElementAtOrDefault(1) ?? "", StringComparer.OrdinalIgnoreCase);
var flavor = Enum.Parse<EngineFlavor>(options.GetValueOrDefault("flavor", "elasticsearch8"), ignoreCase: true);
var sizes = Numbers(options.GetValueOrDefault("sizes", "100,1000,10000")).Select(n => (int)n).ToList();
var partTimes = Numbers(options.GetValueOrDefault("part-seconds", "0.5,2,5")).Select(TimeSpan.FromSeconds).ToList();
var backups = int.Parse(options.GetValueOrDefault("backups", "2"), CultureInfo.InvariantCulture);

Console.WriteLine($"Backup bench, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
if (what is "scale" or "all")
{
    await ScaleBench.RunAsync(flavor, sizes);
}

if (what is "flood")
{
    await FloodBench.RunAsync(flavor, sizes.Max(), requests: 60, atOnce: 30);
}

if (what is "followup" or "all")
{
    await FollowUpBench.RunAsync(flavor, partTimes, backups);
}

return 0;

static IEnumerable<double> Numbers(string list) => list.Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture));
