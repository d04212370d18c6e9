using System.Diagnostics;
using System.Reflection;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// The performance bench (bench/Backup.Bench) still runs end to end: a tiny repository, a few rounds, the figures and
/// the goals printed, the exit code saying whether one was missed. Whether they are met is for a quiet machine to say,
/// never for this test.
/// </summary>
[TestFixture]
public sealed class BenchSmokeTests
{
    [Test]
    public async Task Scale_prints_the_share_table_ends_with_every_goals_figure_and_fails_the_check_exactly_when_one_is_missed()
    {
        var dll = typeof(BenchSmokeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BenchDll").Value!;
        var start = new ProcessStartInfo("dotnet", [dll, "scale", "--sizes", "10", "--rounds", "3", "--flavor", "elasticsearch8", "--check"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll),
        };
        using var bench = Process.Start(start)!;
        var output = bench.StandardOutput.ReadToEndAsync();
        var errors = bench.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await bench.WaitForExitAsync(deadline.Token);

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(async () =>
        {
            Assert.That(bench.ExitCode, Is.EqualTo(lines[^1].Contains("MISSED", StringComparison.Ordinal) ? 1 : 0), await errors);
            Assert.That(lines.Where(l => l.StartsWith("| 10 |", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(2));
            Assert.That(lines, Has.Some.Contains("| share of the engine's time (p25–p75) |"));
            Assert.That(lines, Has.Some.Match(@"^Finished .*, CPU time stolen by the hypervisor \d+\.\d%$"));
            Assert.That(lines[^1], Does.StartWith("check: ").And.Contain("Elasticsearch8 10 verbose share").And.Contain("Elasticsearch8 10 verbose=false memory"));
        });
    }
}
