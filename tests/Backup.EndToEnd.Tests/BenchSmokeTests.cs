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
    public async Task Floor_passes_each_list_through_answering_as_many_bytes_as_the_service_and_holds_it_to_no_goal()
    {
        var (exitCode, lines, errors) = await RunAsync("floor", "--sizes", "100", "--rounds", "3", "--flavor", "elasticsearch8", "--check");

        var rows = lines.Where(l => l.StartsWith("| 100 |", StringComparison.Ordinal)).Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(lines[^1].Contains("MISSED", StringComparison.Ordinal) ? 1 : 0), errors);
            Assert.That(rows.Select(r => r[2]), Is.EqualTo(new[] { "verbose", "verbose, pass-through", "verbose=false", "verbose=false, pass-through" }));

            // --rounds fixes the count; without it, rows go on until their median is known within 5 %.
            Assert.That(rows.Select(r => r[3]), Is.All.EqualTo("3"));
            Assert.That(rows.Select(r => r[8]), Is.All.Match(@"^±\d+\.\d%$"));
            foreach (var (service, passThrough) in new[] { (rows[0], rows[1]), (rows[2], rows[3]) })
            {
                // The answer's size as the bench read it from each.
                Assert.That(passThrough[10], Is.EqualTo(service[10]));
            }

            Assert.That(lines[^1], Does.StartWith("check: ").And.Not.Contain("pass-through"));
        });
    }

    [Test]
    public async Task Scale_prints_the_share_table_ends_with_every_goals_figure_and_fails_the_check_exactly_when_one_is_missed()
    {
        var (exitCode, lines, errors) = await RunAsync("scale", "--sizes", "10", "--rounds", "3", "--flavor", "elasticsearch8", "--check");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(lines[^1].Contains("MISSED", StringComparison.Ordinal) ? 1 : 0), errors);
            Assert.That(lines.Where(l => l.StartsWith("| 10 |", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(2));
            Assert.That(lines, Has.Some.Contains("| share of the engine's time (p25–p75) | the goal's median, 95 % |"));
            Assert.That(lines, Has.Some.Match(@"^Finished .*, CPU time stolen by the hypervisor \d+\.\d%$"));
            Assert.That(lines[^1], Does.StartWith("check: ").And.Contain("Elasticsearch8 10 verbose share").And.Contain("Elasticsearch8 10 verbose=false memory"));
        });
    }

    private static async Task<(int ExitCode, string[] Lines, string Errors)> RunAsync(params string[] arguments)
    {
        var dll = typeof(BenchSmokeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BenchDll").Value!;
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
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
        return (bench.ExitCode, (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), await errors);
    }
}
