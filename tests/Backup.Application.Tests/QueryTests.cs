using Backup.Application.Backups.DeleteBackup;
using Backup.Application.Backups.GetBackupState;
using Backup.Application.Backups.ListBackups;
using Backup.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backup.Application.Tests;

public sealed class QueryTests
{
    private static void Seed(Harness harness, params long[] ids)
    {
        foreach (var id in ids)
        {
            for (var part = 1; part <= 6; part++)
            {
                harness.Port.Add(Port.Name(id, part), "SUCCESS");
            }
        }
    }

    [Test]
    public async Task Get_returns_NotFound_for_an_unknown_id_and_the_report_for_a_known_one()
    {
        using var harness = new Harness();
        Seed(harness, 12);
        var handler = new GetBackupStateHandler(harness.Port.Object, harness.Options, harness.Clock);

        var unknown = await handler.Handle(new GetBackupStateQuery(BackupId.Create(1).Value), CancellationToken.None);
        var known = await handler.Handle(new GetBackupStateQuery(BackupId.Create(12).Value), CancellationToken.None);

        Assert.That(unknown.Error!.Kind, Is.EqualTo(ErrorKind.NotFound));
        Assert.That(unknown.Error.Message, Does.StartWith("No backup with id [1] found."));
        Assert.That(known.Value.State, Is.EqualTo(BackupState.Completed));
        Assert.That(known.Value.Parts, Has.Count.EqualTo(6));
    }

    [TestCase(null, new[] { 212L, 120L, 12L, 1L })]
    [TestCase("12", new[] { 12L })]
    [TestCase("12*", new[] { 120L, 12L })]
    [TestCase("1*", new[] { 120L, 12L, 1L })]
    [TestCase("3", new long[0])]
    public async Task List_narrows_to_the_pattern_and_puts_the_newest_first(string? pattern, long[] expected)
    {
        using var harness = new Harness();
        Seed(harness, 1, 12, 120, 212);
        var allOfThem = await harness.Port.Object.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None);
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(allOfThem);

        var listed = await Lister(harness)
            .Handle(new ListBackupsQuery(null, pattern), CancellationToken.None);

        Assert.That(listed.Value.Select(b => b.Id.Value), Is.EqualTo(expected));
    }

    [TestCase(null, "camunda_operate_*")]
    [TestCase("12", "camunda_operate_12_*")]
    [TestCase("12*", "camunda_operate_12*")]
    public async Task List_asks_the_engine_for_no_more_than_the_pattern_needs(string? pattern, string enginePattern)
    {
        using var harness = new Harness();

        await Lister(harness)
            .Handle(new ListBackupsQuery("false", pattern), CancellationToken.None);

        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(Port.Selecting(enginePattern), false, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task List_puts_the_backup_that_started_most_recently_first_whatever_its_id()
    {
        using var harness = new Harness();
        var now = harness.Clock.GetUtcNow();
        for (var part = 1; part <= 6; part++)
        {
            harness.Port.Add(Port.Name(9, part), "SUCCESS", started: now.AddMinutes(-10));
            harness.Port.Add(Port.Name(5, part), "SUCCESS", started: now.AddMinutes(-1));
        }

        var listed = await Lister(harness)
            .Handle(new ListBackupsQuery(null, null), CancellationToken.None);

        Assert.That(listed.Value.Select(b => b.Id.Value), Is.EqualTo(new[] { 5L, 9L }));
    }

    [Test]
    public async Task List_verbose_false_reads_in_full_only_the_backups_it_cannot_tell_from_incomplete_in_one_call()
    {
        using var harness = new Harness();
        Seed(harness, 7);
        foreach (var id in new long[] { 8, 9 })
        {
            harness.Port.Add(Port.Name(id, 1), "SUCCESS");
            harness.Port.Add(Port.Name(id, 2), "SUCCESS");
        }

        var full = (await harness.Port.Object.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None)).Value;
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>([.. full.Select(s => s with { StartTime = null, EndTime = null, Failures = null })]));
        harness.Port.Mock.Invocations.Clear();

        var listed = await Lister(harness)
            .Handle(new ListBackupsQuery("false", null), CancellationToken.None);

        Assert.That(listed.Value.Select(b => (b.Id.Value, b.State)), Is.EqualTo(new[]
        {
            (9L, BackupState.InProgress), (8L, BackupState.InProgress), (7L, BackupState.Completed),
        }));
        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(Port.Selecting("camunda_operate_9_*,camunda_operate_8_*"), true, It.IsAny<CancellationToken>()), Times.Once);
        harness.Port.Mock.Verify(p => p.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), true, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(null, "abc", "Invalid pattern: abc")]
    [TestCase(null, "1*2", "Invalid pattern: 1*2")]
    [TestCase(null, "123456789012345678901", "Invalid pattern: 123456789012345678901")]
    [TestCase(null, "12\n", "Invalid pattern: 12\n")]
    [TestCase(null, " ", "Invalid pattern:  ")]
    [TestCase("yes", null, "Invalid verbose: yes")]
    public void The_list_validator_explains_bad_parameters(string? verbose, string? pattern, string message)
    {
        var result = new ListBackupsValidator().Validate(new ListBackupsQuery(verbose, pattern));

        Assert.That(result.Errors.Single().ErrorMessage, Does.StartWith(message));
    }

    [Test]
    public async Task Delete_deletes_exactly_the_parts_of_that_id_even_when_the_engine_returns_others()
    {
        using var harness = new Harness();
        Seed(harness, 12, 120);
        harness.Port.Add(Port.Name(12, 1, "8.6.0"), "SUCCESS");
        harness.Port.Add(Port.Name(12, 1, component: Component.Tasklist), "SUCCESS");
        var everything = await harness.Port.Object.GetSnapshotsAsync(SnapshotSelection.IdsMatching(Enum.GetValues<Component>(), null), false, CancellationToken.None);
        harness.Port.Mock.Setup(p => p.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(everything);
        IReadOnlyList<SnapshotName>? deleted = null;
        harness.Port.Mock.Setup(p => p.DeleteSnapshotsAsync(It.IsAny<IReadOnlyList<SnapshotName>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<SnapshotName> names, CancellationToken _) => deleted = names)
            .ReturnsAsync(Result.Success());

        var result = await new DeleteBackupHandler(harness.Port.Object, harness.Drives, harness.Options, NullLogger<DeleteBackupHandler>.Instance)
            .Handle(new DeleteBackupCommand(BackupId.Create(12).Value), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(deleted!.Select(n => n.ToString()), Is.EquivalentTo(
            Enumerable.Range(1, 6).Select(n => $"camunda_operate_12_8.7.0_part_{n}_of_6").Append("camunda_operate_12_8.6.0_part_1_of_6")));
    }

    [Test]
    public async Task Delete_returns_NotFound_and_deletes_nothing_when_no_part_exists()
    {
        using var harness = new Harness();
        Seed(harness, 120);

        var result = await new DeleteBackupHandler(harness.Port.Object, harness.Drives, harness.Options, NullLogger<DeleteBackupHandler>.Instance)
            .Handle(new DeleteBackupCommand(BackupId.Create(12).Value), CancellationToken.None);

        Assert.That(result.Error!.Kind, Is.EqualTo(ErrorKind.NotFound));
        harness.Port.Mock.Verify(p => p.DeleteSnapshotsAsync(It.IsAny<IReadOnlyList<SnapshotName>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static ListBackupsHandler Lister(Harness harness) =>
        new(harness.Port.Object, new SharedListings(harness.Options, harness.Metrics), harness.Options, harness.Clock);
}
