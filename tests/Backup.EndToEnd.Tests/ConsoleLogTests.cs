using System.Text.RegularExpressions;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>What an operator reads on the console of the service as it is really started (issue 12).</summary>
public sealed partial class ConsoleLogTests
{
    [Test]
    public async Task Every_console_line_that_starts_an_entry_carries_a_UTC_timestamp()
    {
        await using var engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        using var service = await ServiceProcess.StartAsync(engine, Component.Operate);

        // With Management:Auth off the service always warns at start-up: the entry's first line must say when.
        var entry = await service.OutputLineAsync(line => line.Contains("warn:", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(entry, Does.Match(TimestampedEntry()), "a console entry starts with its UTC time, e.g. 2026-11-29T19:55:00.123Z warn: ...");
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z warn: ")]
    private static partial Regex TimestampedEntry();
}
