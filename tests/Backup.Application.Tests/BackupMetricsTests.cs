using Backup.Application.Observing;
using Backup.Domain;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backup.Application.Tests;

/// <summary>What an operator alerts on is recorded where it happens, with bounded labels.</summary>
public sealed class BackupMetricsTests
{
    private static BackupPlan Plan(long id) =>
        BackupPlan.Create(BackupId.Create(id).Value, ComponentProfile.Operate, "operate", "8.7.0", Port.OperateIndices).Value;

    private static async Task DriveAsync(Harness harness, BackupPlan plan)
    {
        harness.Port.Add(plan.SnapshotNameOf(1), "IN_PROGRESS");
        await harness.Clock.RunAsync(harness.Driver.DriveAsync(plan, 1, true, CancellationToken.None));
    }

    [Test]
    public async Task A_completed_backup_counts_once_with_a_duration_for_each_part_and_sets_the_last_completed_time()
    {
        using var harness = new Harness();
        using var backups = new MetricCollector<long>(harness.Meters.Backup, "backup.backups");
        using var parts = new MetricCollector<double>(harness.Meters.Backup, "backup.part.duration");

        await DriveAsync(harness, Plan(5));

        var lastPart = await harness.Port.Object.GetSnapshotAsync(Plan(5).SnapshotNameOf(6), CancellationToken.None);
        var counted = backups.GetMeasurementSnapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(counted.Value, Is.EqualTo(1));
            Assert.That(counted.Tags, Is.EquivalentTo(new Dictionary<string, object?> { ["component"] = "operate", ["outcome"] = "completed" }));
            Assert.That(parts.GetMeasurementSnapshot().Select(m => m.Tags["part"]), Is.EqualTo(new object[] { 1, 2, 3, 4, 5, 6 }));
            Assert.That(parts.GetMeasurementSnapshot(), Has.All.Matches<CollectedMeasurement<double>>(m => m.Value > 0 && (string?)m.Tags["outcome"] == "success"));
            Assert.That(harness.Metrics.LastCompletedAt, Is.EqualTo(lastPart.Value!.EndTime));
        });
    }

    [Test]
    public async Task A_part_that_fails_counts_the_backup_failed_and_the_part_by_its_state()
    {
        using var harness = new Harness();
        harness.Port.Finishes = name => name.PartNumber == 2 ? "PARTIAL" : "SUCCESS";
        using var backups = new MetricCollector<long>(harness.Meters.Backup, "backup.backups");
        using var parts = new MetricCollector<double>(harness.Meters.Backup, "backup.part.duration");

        await DriveAsync(harness, Plan(6));

        Assert.Multiple(() =>
        {
            Assert.That(backups.GetMeasurementSnapshot().Single().Tags["outcome"], Is.EqualTo("failed"));
            Assert.That(parts.LastMeasurement!.Tags["outcome"], Is.EqualTo("partial"));
            Assert.That(harness.Metrics.LastCompletedAt, Is.Null);
        });
    }

    [Test]
    public async Task A_part_that_cannot_be_created_counts_the_backup_incomplete()
    {
        using var harness = new Harness();
        harness.Port.OnCreate = _ => Error.EngineFailure("no");
        using var backups = new MetricCollector<long>(harness.Meters.Backup, "backup.backups");

        await DriveAsync(harness, Plan(7));

        Assert.That(backups.GetMeasurementSnapshot().Single().Tags["outcome"], Is.EqualTo("incomplete"));
    }

    [Test]
    public async Task The_last_completed_time_comes_from_the_engine_whoever_took_the_backup_and_goes_back_when_it_is_deleted()
    {
        using var harness = new Harness();
        var watch = new LastCompletedBackupWatch(
            harness.Port.Object, harness.Metrics, harness.Options, harness.Clock, NullLogger<LastCompletedBackupWatch>.Instance);
        using var since = new MetricCollector<double>(harness.Meters.Backup, "backup.time_since_last_completed");
        using var timestamp = new MetricCollector<double>(harness.Meters.Backup, "backup.last_completed.timestamp");
        var older = harness.Clock.GetUtcNow().AddHours(-30);
        var newer = harness.Clock.GetUtcNow().AddHours(-2);
        foreach (var part in Enumerable.Range(1, 6))
        {
            harness.Port.Add(Port.Name(1, part), "SUCCESS", older);
            harness.Port.Add(Port.Name(2, part), "SUCCESS", newer);
        }

        harness.Port.Add(Port.Name(3, 1), "FAILED", harness.Clock.GetUtcNow());

        await watch.RefreshAsync(CancellationToken.None);
        since.RecordObservableInstruments();
        timestamp.RecordObservableInstruments();

        Assert.Multiple(() =>
        {
            Assert.That(since.LastMeasurement!.Value, Is.EqualTo(2 * 3600).Within(1));
            Assert.That(timestamp.LastMeasurement!.Value, Is.EqualTo(newer.ToUnixTimeMilliseconds() / 1000d).Within(0.001));
            Assert.That(timestamp.LastMeasurement.Tags["component"], Is.EqualTo("operate"));
        });

        await harness.Port.Object.DeleteSnapshotsAsync([.. Enumerable.Range(1, 6).Select(p => Port.Name(2, p))], CancellationToken.None);
        await watch.RefreshAsync(CancellationToken.None);
        since.RecordObservableInstruments();
        Assert.That(since.LastMeasurement!.Value, Is.EqualTo(30 * 3600).Within(1));

        // The whole repository is only ever listed by names and states: full details are read for one backup.
        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), true, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void Without_a_completed_backup_the_time_since_is_not_reported_rather_than_zero()
    {
        using var harness = new Harness();
        using var since = new MetricCollector<double>(harness.Meters.Backup, "backup.time_since_last_completed");

        since.RecordObservableInstruments();

        Assert.That(since.GetMeasurementSnapshot(), Is.Empty);
    }

    [Test]
    public void Engine_calls_are_timed_by_operation_and_outcome_and_failures_counted_by_kind()
    {
        using var harness = new Harness();
        using var durations = new MetricCollector<double>(harness.Meters.Backup, "backup.engine.request.duration");
        using var errors = new MetricCollector<long>(harness.Meters.Backup, "backup.engine.errors");

        harness.Metrics.EngineCallEnded("get_snapshot", EngineCallOutcome.Success, TimeSpan.FromMilliseconds(12));
        harness.Metrics.EngineCallEnded("create_snapshot", EngineCallOutcome.Unreachable, TimeSpan.FromSeconds(5));
        harness.Metrics.EngineCallEnded("list_snapshots", EngineCallOutcome.Cancelled, TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(durations.GetMeasurementSnapshot().Select(m => (m.Tags["operation"], m.Tags["outcome"], m.Value)), Is.EqualTo(new[]
            {
                ((object?)"get_snapshot", (object?)"success", 0.012),
                ("create_snapshot", "unreachable", 5d),
                ("list_snapshots", "cancelled", 1d),
            }));
            Assert.That(errors.GetMeasurementSnapshot().Single().Tags, Is.EquivalentTo(
                new Dictionary<string, object?> { ["operation"] = "create_snapshot", ["kind"] = "unreachable" }));
        });
    }
}
