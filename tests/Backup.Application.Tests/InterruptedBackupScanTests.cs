using Backup.Domain;
using Moq;

namespace Backup.Application.Tests;

public sealed class InterruptedBackupScanTests
{
    [Test]
    public async Task A_backup_interrupted_between_parts_is_finished_with_its_own_version()
    {
        using var harness = new Harness();
        var ended = harness.Clock.GetUtcNow().AddMinutes(-1);
        harness.Port.Add(Port.Name(7, 1, "8.6.2"), "SUCCESS", ended);
        harness.Port.Add(Port.Name(7, 2, "8.6.2"), "SUCCESS", ended);

        var resumed = await harness.Scan.ResumeOwnInterruptedBackupsAsync(CancellationToken.None);
        await harness.Clock.RunAsync(harness.Port.WhenEvent("finished 6"));

        Assert.That(resumed.IsSuccess, Is.True);
        Assert.That(harness.Port.Names, Is.EqualTo(Enumerable.Range(1, 6).Select(n => $"camunda_operate_7_8.6.2_part_{n}_of_6")));
    }

    [Test]
    public async Task Indices_that_cannot_be_read_are_an_error_to_retry_and_no_plan_is_a_backup_given_up()
    {
        using var harness = new Harness();
        var ended = harness.Clock.GetUtcNow().AddMinutes(-1);
        harness.Port.Add(Port.Name(7, 1), "SUCCESS", ended);
        harness.Port.Mock.Setup(p => p.GetIndicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Error.EngineUnreachable("Elasticsearch could not be reached"));

        var unreadable = await harness.Scan.ResumeOwnInterruptedBackupsAsync(CancellationToken.None);

        harness.Port.Mock.Setup(p => p.GetIndicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<string>>(["operate-list-view-8.3.0_"]));
        var unplannable = await harness.Scan.ResumeOwnInterruptedBackupsAsync(CancellationToken.None);

        Assert.That(unreadable.Error?.Kind, Is.EqualTo(ErrorKind.EngineUnreachable), "the start-up scan retries while the engine is away");
        Assert.That(unplannable.IsSuccess, Is.True, "a backup whose indices make no plan is left INCOMPLETE, not retried");
        Assert.That(harness.Port.Created, Is.Empty);
    }

    [Test]
    public async Task A_part_still_running_at_start_up_is_followed_and_the_rest_taken()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(7, 1), "SUCCESS");
        harness.Port.Add(Port.Name(7, 2), "IN_PROGRESS");

        await harness.Scan.ResumeOwnInterruptedBackupsAsync(CancellationToken.None);
        await harness.Clock.RunAsync(harness.Port.WhenEvent("finished 6"));

        Assert.That(harness.Port.Events[0], Is.EqualTo("finished 2"));
        Assert.That(harness.Port.Names, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Incomplete_and_completed_backups_are_left_alone()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(3, 1), "SUCCESS", harness.Clock.GetUtcNow().AddHours(-1));
        for (var part = 1; part <= 6; part++)
        {
            harness.Port.Add(Port.Name(4, part), "SUCCESS");
        }

        await harness.Scan.ResumeOwnInterruptedBackupsAsync(CancellationToken.None);

        Assert.That(harness.Port.Created, Is.Empty);
    }

    [Test]
    public async Task A_backup_a_vanished_replica_left_between_parts_is_taken_over_once_it_has_been_idle_long_enough()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(8, 1), "SUCCESS");
        harness.Port.Add(Port.Name(8, 2), "SUCCESS");
        var idle = TimeSpan.FromSeconds(15);

        await harness.Scan.TakeOverOrphanedBackupsAsync(idle, CancellationToken.None);
        var tooSoon = harness.Port.Created.Count;
        harness.Clock.Advance(TimeSpan.FromSeconds(20));
        await harness.Scan.TakeOverOrphanedBackupsAsync(idle, CancellationToken.None);
        await harness.Clock.RunAsync(harness.Port.WhenEvent("finished 6"));

        Assert.That(tooSoon, Is.Zero, "another replica may still be about to start the next part");
        Assert.That(harness.Port.Names, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task A_backup_with_a_running_part_is_not_taken_over_from_another_replica()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(8, 1), "SUCCESS", harness.Clock.GetUtcNow().AddMinutes(-2));
        harness.Port.Add(Port.Name(8, 2), "IN_PROGRESS");
        harness.Port.Finishes = _ => null;

        await harness.Scan.TakeOverOrphanedBackupsAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        harness.Port.Finishes = _ => "SUCCESS";
        await harness.Clock.RunAsync(Task.Delay(TimeSpan.FromMinutes(1), harness.Clock));

        Assert.That(harness.Port.Created, Is.Empty, "a takeover would have followed part 2 to its end and started part 3");
    }

    [Test]
    public async Task The_scan_reads_names_only_and_the_times_of_unfinished_backups_only()
    {
        using var harness = new Harness();
        for (var part = 1; part <= 6; part++)
        {
            harness.Port.Add(Port.Name(4, part), "SUCCESS");
        }

        harness.Port.Add(Port.Name(5, 1), "FAILED");
        harness.Port.Add(Port.Name(7, 1), "SUCCESS");
        harness.Port.Add(Port.Name(9, 1), "SUCCESS");

        await harness.Scan.TakeOverOrphanedBackupsAsync(TimeSpan.FromMinutes(10), CancellationToken.None);

        var reads = harness.Port.Mock.Invocations
            .Where(i => i.Method.Name == nameof(Abstractions.ISnapshotRepository.GetSnapshotsAsync))
            .Select(i => (((SnapshotSelection)i.Arguments[0]!).Pattern, (bool)i.Arguments[1]!))
            .ToList();
        Assert.That(reads, Is.EqualTo(new[] { ("camunda_operate_*", false), ("camunda_operate_9_*,camunda_operate_7_*", true) }));
    }

    [Test]
    public async Task A_backup_a_create_here_has_reserved_is_not_resumed_by_the_scan()
    {
        using var harness = new Harness();
        harness.Port.Add(Port.Name(7, 1), "IN_PROGRESS");
        using var creating = harness.Drives.TryReserve(BackupId.Create(7).Value);

        await harness.Scan.ResumeOwnInterruptedBackupsAsync(CancellationToken.None);

        Assert.That(creating, Is.Not.Null);
        Assert.That(harness.Port.Mock.Invocations.Where(i => i.Method.Name == nameof(Abstractions.ISnapshotRepository.GetIndicesAsync)), Is.Empty,
            "the scan planned, to resume, a backup whose create has not decided yet");
    }
}
