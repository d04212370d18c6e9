using Backup.Application.Backups.Taking;
using Backup.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Backup.Application.Tests;

/// <summary>Every step of a backup is logged with its backup id and part, at a level an operator can alert on.</summary>
public sealed class BackupLogTests
{
    [Test]
    public async Task Each_part_is_logged_with_backup_id_and_part_and_a_failure_as_an_error()
    {
        using var harness = new Harness();
        var logger = new FakeLogger<BackupDriver>();
        var driver = new BackupDriver(harness.Port.Object, harness.Options, harness.Clock, harness.Metrics, harness, logger);
        harness.Port.Finishes = name => name.PartNumber == 4 ? "FAILED" : "SUCCESS";
        var plan = BackupPlan.Create(BackupId.Create(31).Value, ComponentProfile.Operate, "operate", "8.7.0", Port.OperateIndices).Value;
        harness.Port.Add(plan.SnapshotNameOf(1), "IN_PROGRESS");

        await harness.Clock.RunAsync(driver.DriveAsync(plan, 1, true, CancellationToken.None));

        var records = logger.Collector.GetSnapshot();
        Assert.That(records, Has.All.Matches<FakeLogRecord>(r => r.StructuredState!.Any(p => p.Key == "BackupId" && p.Value == "31")));
        Assert.That(records.Where(r => r.Level == LogLevel.Information).Select(r => r.Message), Does.Contain("Backup 31: part 3 of 6 succeeded"));
        var failure = records.Single(r => r.Level == LogLevel.Error);
        Assert.That(failure.Message, Does.StartWith("Backup 31: part 4 of 6 ended FAILED; the backup has FAILED"));
        Assert.That(failure.StructuredState!.Single(p => p.Key == "Part").Value, Is.EqualTo("4"));
    }

    [Test]
    public async Task A_graceful_stop_while_a_part_is_taken_names_the_backup_and_part_and_who_finishes_it()
    {
        using var harness = new Harness();
        var logger = new FakeLogger<BackupDriver>();
        var driver = new BackupDriver(harness.Port.Object, harness.Options, harness.Clock, harness.Metrics, harness, logger);
        harness.Port.Finishes = name => name.PartNumber == 2 ? null : "SUCCESS";
        var plan = BackupPlan.Create(BackupId.Create(32).Value, ComponentProfile.Operate, "operate", "8.7.0", Port.OperateIndices).Value;
        harness.Port.Add(plan.SnapshotNameOf(1), "IN_PROGRESS");

        var driving = driver.DriveAsync(plan, 1, true, harness.ApplicationStopping);
        await harness.Clock.RunAsync(harness.Port.WhenEvent("created 2"));
        harness.StopApplication();

        Assert.That(async () => await driving, Throws.InstanceOf<OperationCanceledException>());
        var stopped = logger.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Warning);
        Assert.That(stopped.Message, Is.EqualTo(
            "Backup 32: the service is stopping while part 2 of 6 is taken. The engine goes on with that part; the next start of the service, or another replica, takes the rest."));
    }
}
