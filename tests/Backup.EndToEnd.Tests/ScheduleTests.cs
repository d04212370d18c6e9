using System.Net;
using System.Text.Json.Nodes;
using Backup.Application.Backups.Scheduling;
using Backup.Domain;
using Backup.EngineEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Backup.EndToEnd.Tests;

/// <summary>Scheduled backups and retention, over HTTP against the emulator, with the service and the engine on one fake clock.</summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class ScheduleTests(EngineFlavor flavor)
{
    private const Component Operate = Component.Operate;
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 11, 59, 50, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private EngineTarget _engine = null!;
    private readonly List<BackupApi> _services = [];

    private EngineEmulator.EngineEmulator Emulator => _engine.Emulator!;

    [SetUp]
    public async Task StartAsync()
    {
        if (EngineTarget.IsReal)
        {
            Assert.Ignore("A fake clock needs the emulator: a real engine keeps its own time.");
        }

        _clock = new FakeTimeProvider(Start);
        _engine = await EngineTarget.StartAsync(flavor, _clock);
        await _engine.SeedAsync(Operate);
    }

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        _services.Clear();
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }

    [Test]
    public async Task Two_replicas_with_the_same_schedule_take_exactly_one_backup_per_tick()
    {
        var replicas = new[] { Service(Hourly), Service(Hourly) };
        var first = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var second = first.AddHours(1);

        await AdvanceUntilCompletedAsync(replicas[0], first.ToUnixTimeSeconds());
        _clock.SetUtcNow(second.AddSeconds(-1));
        await AdvanceUntilCompletedAsync(replicas[1], second.ToUnixTimeSeconds());

        Assert.That(await _engine.SnapshotNamesAsync("camunda_*"), Is.EqualTo(PartsOf(first.ToUnixTimeSeconds(), second.ToUnixTimeSeconds())));
        var lastRuns = new List<JsonNode>();
        foreach (var replica in replicas)
        {
            lastRuns.Add(await LastRunAsync(replica, second));
        }

        Assert.That(lastRuns.Select(r => (string?)r["outcome"]), Is.EquivalentTo(new[] { "STARTED", "SKIPPED" }));
        Assert.That(lastRuns.Select(r => (long?)r["backupId"]), Is.All.EqualTo(second.ToUnixTimeSeconds()));
    }

    [Test]
    public async Task Retention_deletes_expired_backups_whole_and_leaves_foreign_snapshots_alone()
    {
        var now = _clock.GetUtcNow();
        AddBackup(1001, now.AddDays(-40));
        AddBackup(1002, now.AddDays(-20));
        AddBackup(1003, now.AddDays(-1));
        string[] foreign = ["daily-snap-2026.10.01-x7k2", "camunda_tasklist_1000_8.7.0_part_1_of_6", "camunda_operate_0999_8.7.0_part_1_of_6"];
        foreach (var name in foreign)
        {
            Emulator.AddSnapshot(_engine.Repository, name, ["operate-user-1.2.0_"], SnapshotOutcome.Success, now.AddDays(-60));
        }

        var service = Service(s => (s["Backup:Retention:MaxAge"], s["Backup:Retention:MinCount"]) = ("7.00:00:00", "1"));

        var dryRun = await RetentionAsync(service);
        Assert.That((bool?)dryRun["enabled"], Is.True);
        Assert.That(dryRun["deletions"]!.AsArray().Select(d => (long?)d!["backupId"]), Is.EqualTo(new long?[] { 1001, 1002 }));
        Assert.That((string?)dryRun["deletions"]![0]!["reason"], Does.StartWith("older than MaxAge (7.00:00:00)"));
        Assert.That(await _engine.SnapshotNamesAsync("*"), Has.Count.EqualTo(18 + foreign.Length), "the dry run deletes nothing");

        _clock.Advance(TimeSpan.FromHours(1));
        await WaitForAsync(() => service.Services.GetRequiredService<ScheduleRecord>().LastRetention is not null, "the retention run has ended");

        Assert.That(await _engine.SnapshotNamesAsync("*"), Is.EquivalentTo(PartsOf(1003).Concat(foreign)));
        Assert.That(service.Services.GetRequiredService<ScheduleRecord>().LastRetention!.Deleted.Select(id => id.Value), Is.EqualTo(new[] { 1001L, 1002L }));
        Assert.That((string?)(await RetentionAsync(service))["message"], Is.EqualTo("No backup has expired: the next run deletes nothing."));
    }

    [Test]
    public async Task Two_replicas_running_retention_at_the_same_moment_delete_every_expired_backup_without_an_error()
    {
        var now = _clock.GetUtcNow();
        long[] expired = [1001, 1002, 1003, 1004];
        foreach (var id in expired)
        {
            AddBackup(id, now.AddDays(-40 + id - 1001));
        }

        AddBackup(1005, now.AddDays(-1));
        var replicas = new[] { Service(ThirtyDays), Service(ThirtyDays) };

        _clock.Advance(TimeSpan.FromHours(1));
        var runs = new List<RetentionRun>();
        foreach (var replica in replicas)
        {
            var record = replica.Services.GetRequiredService<ScheduleRecord>();
            await WaitForAsync(() => record.LastRetention is not null, "the retention run has ended");
            runs.Add(record.LastRetention!);
        }

        Assert.That(await _engine.SnapshotNamesAsync("*"), Is.EqualTo(PartsOf(1005)));
        Assert.That(runs.Select(r => r.Problem), Is.All.Null);
        Assert.That(runs.SelectMany(r => r.Deleted).Select(id => id.Value).Distinct(), Is.EquivalentTo(expired));
    }

    [Test]
    public async Task Retention_deletes_nothing_while_a_backup_is_running()
    {
        var now = _clock.GetUtcNow();
        AddBackup(1001, now.AddDays(-40));
        Emulator.AddSnapshot(_engine.Repository, "camunda_operate_1002_8.7.0_part_1_of_6", ["operate-user-1.2.0_"], SnapshotOutcome.InProgress, now.AddMinutes(-1));
        var service = Service(s => s["Backup:Retention:MaxCount"] = "1");

        var dryRun = await RetentionAsync(service);
        Assert.That((long?)dryRun["blockedBy"], Is.EqualTo(1002));
        Assert.That(dryRun["deletions"]!.AsArray(), Is.Empty);

        _clock.Advance(TimeSpan.FromHours(1));
        await WaitForAsync(() => service.Services.GetRequiredService<ScheduleRecord>().LastRetention is not null, "the retention run has ended");

        Assert.That(await _engine.SnapshotNamesAsync("camunda_operate_1001_*"), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Without_retention_settings_the_dry_run_says_nothing_is_ever_deleted()
    {
        var service = Service(_ => { });

        var dryRun = await RetentionAsync(service);

        Assert.That((bool?)dryRun["enabled"], Is.False);
        Assert.That((string?)dryRun["message"], Does.StartWith("Retention is not configured"));
    }

    private static void Hourly(Dictionary<string, string?> settings) => settings["Backup:Schedule:Cron"] = "0 * * * *";

    private static void ThirtyDays(Dictionary<string, string?> settings) => settings["Backup:Retention:MaxAge"] = "30.00:00:00";

    private BackupApi Service(Action<Dictionary<string, string?>> adjust)
    {
        var host = ServiceHost.Create(_engine.Url, _engine, Operate, adjust, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_clock);
        });
        host.StartServer();
        var service = new BackupApi(host, host.CreateClient());
        _services.Add(service);
        return service;
    }

    private void AddBackup(long id, DateTimeOffset start)
    {
        for (var part = 1; part <= 6; part++)
        {
            Emulator.AddSnapshot(_engine.Repository, $"camunda_operate_{id}_8.7.0_part_{part}_of_6", ["operate-user-1.2.0_"], SnapshotOutcome.Success, start.AddSeconds(part));
        }
    }

    private static IEnumerable<string> PartsOf(params long[] ids) =>
        ids.SelectMany(id => Enumerable.Range(1, 6).Select(n => $"camunda_operate_{id}_8.7.0_part_{n}_of_6")).Order(StringComparer.Ordinal);

    /// <summary>
    /// Moves the shared clock on in steps of 100 ms, reading the backup between steps as a script would, until it is
    /// COMPLETED: every wait of the schedule and of the part driver is on this clock.
    /// </summary>
    private async Task AdvanceUntilCompletedAsync(BackupApi service, long backupId)
    {
        for (var step = 0; step < 2000; step++)
        {
            using var response = await service.GetAsync(backupId);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var state = (string?)(await BackupApi.ReadAsync(response))["state"];
                Assert.That(state, Is.AnyOf("IN_PROGRESS", "COMPLETED"), $"backup {backupId} at {_clock.GetUtcNow():O}");
                if (state == "COMPLETED")
                {
                    return;
                }
            }

            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail($"backup {backupId} did not complete; the clock is at {_clock.GetUtcNow():O}");
    }

    private static async Task<JsonNode> RetentionAsync(BackupApi service)
    {
        using var response = await service.Http.GetAsync("actuator/retention");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await BackupApi.ReadAsync(response);
    }

    /// <summary>The schedule component's last run in the health answer, once it is the given tick's.</summary>
    private static async Task<JsonNode> LastRunAsync(BackupApi service, DateTimeOffset tick)
    {
        JsonNode? lastRun = null;
        await WaitForAsync(async () =>
        {
            using var response = await service.Http.GetAsync("actuator/health");
            lastRun = (await BackupApi.ReadAsync(response))["components"]?["schedule"]?["details"]?["lastRun"];
            return (string?)lastRun?["tick"] == tick.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }, $"the last scheduled run is the tick at {tick:O}");
        return lastRun!;
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.That(deadline.IsCancellationRequested, Is.False, $"timed out waiting until {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }
}
