using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>What an operator scrapes from <c>/actuator/prometheus</c> while backups are taken and the engine fails.</summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed partial class MetricsTests(EngineFlavor flavor)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private EngineTarget _engine = null!;
    private BackupApi _api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(Component.Operate);
        _api = ServiceHost.Start(_engine, Component.Operate);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Test]
    public async Task A_completed_backup_shows_in_the_counter_part_durations_engine_latencies_and_in_the_last_completed_time_after_a_restart()
    {
        var id = _engine.NewBackupId();
        using var created = await _api.CreateAsync(id);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)(await _api.WaitUntilSettledAsync(id))["state"], Is.EqualTo("COMPLETED"));

        (string, string)[] completed = [("component", "operate"), ("outcome", "completed")];
        var metrics = await ScrapeUntilAsync(_api, text => Value(text, "backup_backups_total", completed) >= 1);
        Assert.Multiple(() =>
        {
            Assert.That(Value(metrics, "backup_backups_total", completed), Is.EqualTo(1), "the one backup is counted once");
            Assert.That(Value(metrics, "backup_part_duration_seconds_count", ("part", "6"), ("outcome", "success")), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(metrics, "backup_engine_request_duration_seconds_count", ("operation", "create_snapshot"), ("outcome", "success")),
                Is.GreaterThanOrEqualTo(5));
            Assert.That(Value(metrics, "backup_engine_request_duration_seconds_bucket", ("operation", "get_snapshot"), ("le", "0.1")), Is.Not.Null);
            Assert.That(Value(metrics, "backup_time_since_last_completed_seconds", ("component", "operate")), Is.InRange(0, Deadline.TotalSeconds));
        });
        var lastCompleted = Value(metrics, "backup_last_completed_timestamp_seconds", ("component", "operate"));
        Assert.That(lastCompleted, Is.EqualTo((double)DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(Deadline.TotalSeconds));

        // A restarted service (or a replica: in one test process they share the meters' names) knows it from the engine.
        await _api.DisposeAsync();
        _api = ServiceHost.Start(_engine, Component.Operate);
        var restarted = await ScrapeUntilAsync(_api, text => Value(text, "backup_last_completed_timestamp_seconds", ("component", "operate")) is not null);
        Assert.Multiple(() =>
        {
            Assert.That(Value(restarted, "backup_last_completed_timestamp_seconds", ("component", "operate")), Is.EqualTo(lastCompleted).Within(0.001));
            Assert.That(Value(restarted, "backup_backups_total", completed), Is.Zero, "the restarted service took no backup");
        });
    }

    [Test]
    public async Task An_engine_that_cannot_be_reached_shows_in_the_engine_error_series()
    {
        var emulator = _engine.Emulator ?? throw new IgnoreException("This test stops the emulator's listener, which a real engine does not offer.");
        await emulator.RefuseConnectionsAsync();

        using var listed = await _api.ListAsync();
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));

        (string, string)[] unreachable = [("kind", "unreachable"), ("operation", "list_snapshots")];
        var metrics = await ScrapeUntilAsync(_api, text => Value(text, "backup_engine_errors_total", unreachable) >= 1);
        Assert.That(
            Value(metrics, "backup_engine_request_duration_seconds_count", ("operation", "list_snapshots"), ("outcome", "unreachable")),
            Is.GreaterThanOrEqualTo(1),
            "the failed call's latency is recorded with its outcome too");
    }

    /// <summary>
    /// Scrapes until <paramref name="shows"/> holds, and fails the test when it never does: the driver records a backup's
    /// end after the API can report it. What the poll waited for is not asserted again.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(BackupApi api, Func<string, bool> shows)
    {
        var giveUpAt = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            using var response = await api.Http.GetAsync("actuator/prometheus");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            var text = await response.Content.ReadAsStringAsync();
            if (shows(text))
            {
                return text;
            }

            if (DateTimeOffset.UtcNow > giveUpAt)
            {
                Assert.Fail($"The metrics did not show what was expected within {Deadline.TotalSeconds} s. The last scrape:\n{text}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>The value of the first sample of <paramref name="name"/> that carries all of <paramref name="labels"/>.</summary>
    private static double? Value(string metrics, string name, params (string Name, string Value)[] labels)
    {
        foreach (Match sample in Sample().Matches(metrics))
        {
            var carried = sample.Groups["labels"].Value.Split(',');
            if (sample.Groups["name"].Value == name && labels.All(l => carried.Contains($"{l.Name}=\"{l.Value}\"")))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
