using Backup.Application.Backups.DeleteBackup;
using Backup.Application.Backups.Retention;
using Backup.Application.Backups.Scheduling;
using Backup.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backup.Application.Tests;

/// <summary>Retention runs: what the plan selects is deleted whole, through the API's delete command, and nothing else.</summary>
public sealed class RetentionRunnerTests
{
    private static (RetentionRunner Runner, Sender Sender, ScheduleRecord Record) Runner(Harness harness, Action<RetentionOptions> configure)
    {
        configure(harness.Options.Value.Retention);
        var sender = new Sender(harness);
        var record = new ScheduleRecord();
        return (new RetentionRunner(sender.Scopes.Object, record, harness.Options, harness.Clock, NullLogger<RetentionRunner>.Instance), sender, record);
    }

    /// <summary>A backup whose six parts started <paramref name="hoursAgo"/>; "R" leaves its third part running, "F" fails it.</summary>
    private static void Backup(Harness harness, long id, double hoursAgo, char state = 'S')
    {
        var start = harness.Clock.GetUtcNow() - TimeSpan.FromHours(hoursAgo);
        var parts = state switch { 'R' => 3, 'F' => 3, _ => 6 };
        for (var part = 1; part <= parts; part++)
        {
            var engineState = part < parts ? "SUCCESS" : state switch { 'R' => "IN_PROGRESS", 'F' => "FAILED", _ => "SUCCESS" };
            harness.Port.Add(Port.Name(id, part), engineState, start.AddMinutes(part), start.AddMinutes(part - 1));
        }
    }

    private static IEnumerable<string> PartsOf(params long[] ids) =>
        ids.SelectMany(id => Enumerable.Range(1, 6).Select(n => Port.Name(id, n).ToString())).Order(StringComparer.Ordinal);

    [Test]
    public async Task Expired_backups_are_deleted_whole_oldest_first_through_the_delete_command()
    {
        using var harness = new Harness();
        var (runner, sender, record) = Runner(harness, r => r.MaxCount = 2);
        Backup(harness, 1, 40);
        Backup(harness, 2, 30);
        Backup(harness, 3, 20);
        Backup(harness, 4, 10);

        var run = await runner.RunAsync(CancellationToken.None);

        Assert.That(sender.Deletes, Is.EqualTo(new[] { "1", "2" }));
        Assert.That(harness.Port.Names, Is.EqualTo(PartsOf(3, 4)));
        Assert.That(run.Deleted, Is.EqualTo(new[] { BackupId.Create(1).Value, BackupId.Create(2).Value }));
        Assert.That(record.LastRetention, Is.SameAs(run));
    }

    [Test]
    public async Task Nothing_is_deleted_while_a_backup_is_in_progress()
    {
        using var harness = new Harness();
        var (runner, sender, _) = Runner(harness, r => (r.MaxCount, r.MinCount) = (1, 0));
        Backup(harness, 1, 40);
        Backup(harness, 2, 30, 'F');
        Backup(harness, 3, 0.01, 'R');

        var run = await runner.RunAsync(CancellationToken.None);

        Assert.That(sender.Deletes, Is.Empty);
        Assert.That(run.BlockedBy, Is.EqualTo(BackupId.Create(3).Value));
        Assert.That(harness.Port.Mock.Invocations.Where(i => i.Method.Name == "DeleteSnapshotsAsync"), Is.Empty);
    }

    [Test]
    public async Task MinCount_keeps_the_newest_completed_backups_however_old()
    {
        using var harness = new Harness();
        var (runner, sender, _) = Runner(harness, r => (r.MaxAge, r.MinCount) = (TimeSpan.FromDays(1), 2));
        Backup(harness, 1, 300);
        Backup(harness, 2, 200);
        Backup(harness, 3, 100);

        await runner.RunAsync(CancellationToken.None);

        Assert.That(sender.Deletes, Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public async Task A_failed_backup_is_kept_for_the_grace_period_then_deleted()
    {
        using var harness = new Harness();
        var (runner, sender, _) = Runner(harness, r => (r.MaxCount, r.FailedGracePeriod) = (10, TimeSpan.FromHours(6)));
        Backup(harness, 1, 7, 'F');
        Backup(harness, 2, 5, 'F');

        await runner.RunAsync(CancellationToken.None);

        Assert.That(sender.Deletes, Is.EqualTo(new[] { "1" }));
        Assert.That(harness.Port.Names, Has.All.Contains("_2_"));
    }

    [Test]
    public async Task A_backup_another_replica_deleted_first_is_not_an_error()
    {
        using var harness = new Harness();
        var (runner, sender, _) = Runner(harness, r => r.MaxCount = 1);
        Backup(harness, 1, 40);
        Backup(harness, 2, 30);
        Backup(harness, 3, 20);
        sender.Mock.Setup(s => s.Send(It.Is<DeleteBackupCommand>(c => c.BackupId.ToString() == "1"), It.IsAny<CancellationToken>()))
            .Returns(new ValueTask<Result>(Error.NotFound("No backup with id [1] found")));

        var run = await runner.RunAsync(CancellationToken.None);

        Assert.That(run.Problem, Is.Null);
        Assert.That(run.Deleted, Is.EqualTo(new[] { BackupId.Create(2).Value }));
    }

    [Test]
    public async Task An_engine_error_stops_the_run_and_is_recorded()
    {
        using var harness = new Harness();
        var (runner, _, record) = Runner(harness, r => r.MaxCount = 1);
        Backup(harness, 1, 40);
        Backup(harness, 2, 30);
        Backup(harness, 3, 20);
        harness.Port.Mock.Setup(p => p.DeleteSnapshotsAsync(It.IsAny<IReadOnlyList<SnapshotName>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Error.EngineFailure("concurrent_snapshot_execution_exception"));

        await runner.RunAsync(CancellationToken.None);

        Assert.That(record.LastRetention!.Problem, Is.EqualTo("concurrent_snapshot_execution_exception"));
        Assert.That(harness.Port.Mock.Invocations.Count(i => i.Method.Name == "DeleteSnapshotsAsync"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_delete_that_fails_because_a_replica_deleted_the_backup_at_the_same_moment_is_not_an_error()
    {
        using var harness = new Harness();
        var (runner, _, _) = Runner(harness, r => r.MaxCount = 1);
        Backup(harness, 1, 40);
        Backup(harness, 2, 30);
        Backup(harness, 3, 20);
        harness.Port.Mock.Setup(p => p.DeleteSnapshotsAsync(It.IsAny<IReadOnlyList<SnapshotName>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<SnapshotName> names, CancellationToken _) =>
            {
                // The replica's delete of the same snapshots won: they are gone, and this one is refused.
                foreach (var name in names)
                {
                    harness.Port.Remove(name);
                }

                return Error.EngineFailure("404 snapshot_missing_exception");
            });

        var run = await runner.RunAsync(CancellationToken.None);

        Assert.That(run.Problem, Is.Null);
        Assert.That(harness.Port.Names, Is.EqualTo(PartsOf(3)));
    }

    [Test]
    public async Task A_crash_in_one_run_does_not_end_the_runner()
    {
        using var harness = new Harness();
        var (runner, sender, _) = Runner(harness, r => (r.MaxCount, r.Interval) = (5, TimeSpan.FromMinutes(30)));
        harness.Port.Mock.SetupSequence(p => p.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("bug"))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>([]));

        await runner.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenPlans(2));
        await runner.StopAsync(CancellationToken.None);

        Assert.That(runner.ExecuteTask!.IsFaulted, Is.False);
    }

    [Test]
    public async Task Without_MaxCount_or_MaxAge_the_plan_says_retention_is_off_and_nothing_is_read()
    {
        using var harness = new Harness();

        var forecast = await new PlanRetentionHandler(harness.Port.Object, harness.Options, harness.Clock).Handle(new PlanRetentionQuery(), CancellationToken.None);

        Assert.That(forecast.Value.IsEnabled, Is.False);
        Assert.That(harness.Port.Mock.Invocations, Is.Empty);
    }

    [Test]
    public async Task The_runner_runs_one_interval_after_start_up_and_then_every_interval()
    {
        using var harness = new Harness();
        var start = harness.Clock.GetUtcNow();
        var (runner, sender, _) = Runner(harness, r => (r.MaxCount, r.Interval) = (5, TimeSpan.FromMinutes(30)));

        await runner.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenPlans(3));
        await runner.StopAsync(CancellationToken.None);

        Assert.That(sender.Plans, Is.EqualTo(new[] { start.AddMinutes(30), start.AddMinutes(60), start.AddMinutes(90) }));
    }
}
