using Backup.Application.Abstractions;
using Backup.Application.Backups.RestoreBackup;
using Backup.Domain;
using Moq;

namespace Backup.Application.Tests;

/// <summary>The restore use case over a scripted engine: what it deletes, restores, in which order, and what it verifies.</summary>
public sealed class RestoreBackupTests
{
    private const long Id = 42;

    private HashSet<string> _indices = null!;
    private List<string> _calls = null!;
    private Harness _harness = null!;
    private Mock<ISnapshotRestore> _engine = null!;
    private RestoreBackup _restore = null!;

    /// <summary>What each part's snapshot holds: part 3 holds no index (its snapshot matched none).</summary>
    private static readonly Dictionary<int, string[]> Contents = new()
    {
        [1] = ["operate-import-position-8.3.0_"],
        [2] = ["operate-list-view-8.3.0_"],
        [3] = [],
        [4] = ["operate-event-8.3.0_", "operate-incident-8.3.1_"],
        [5] = ["operate-event-8.3.0_2024-01-15"],
        [6] = ["operate-process-8.3.0_"],
    };

    [SetUp]
    public void SetUp()
    {
        _indices = new HashSet<string>(StringComparer.Ordinal);
        _calls = [];
        _harness = new Harness();
        for (var part = 1; part <= 6; part++)
        {
            _harness.Port.Add(Port.Name(Id, part), "SUCCESS");
        }

        _harness.Port.Mock.Setup(p => p.GetIndicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Result.Success<IReadOnlyList<string>>([.. _indices]));
        _engine = new Mock<ISnapshotRestore>();
        _engine.Setup(e => e.GetSnapshotIndicesAsync(It.IsAny<SnapshotSelection>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyDictionary<SnapshotName, IReadOnlyList<string>>>(
                Contents.ToDictionary(c => Port.Name(Id, c.Key), c => (IReadOnlyList<string>)c.Value)));
        _engine.Setup(e => e.DeleteIndicesAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<string> names, CancellationToken _) =>
            {
                _calls.Add($"delete {string.Join(",", names)}");
                _indices.ExceptWith(names);
                return Result.Success();
            });
        _engine.Setup(e => e.RestoreSnapshotAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string snapshot, IReadOnlyList<string> indices, CancellationToken _) =>
            {
                _calls.Add($"restore {(SnapshotName.TryParse(snapshot, out var name) ? name.PartNumber : 0)}");
                _indices.UnionWith(indices);
                return Result.Success();
            });
        _restore = new RestoreBackup(_harness.Port.Object, _engine.Object, _harness.Options, _harness.Clock);
    }

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public async Task Parts_are_restored_in_part_order_skipping_a_part_without_indices_and_every_index_is_verified()
    {
        var steps = new List<RestoreStep>();
        var plan = (await _restore.PlanAsync(BackupId.Create(Id).Value, CancellationToken.None)).Value;

        var outcome = await _restore.RunAsync(plan, deleteExisting: false, steps.Add, CancellationToken.None);

        Assert.That(_calls, Is.EqualTo(new[] { "restore 1", "restore 2", "restore 4", "restore 5", "restore 6" }));
        Assert.That(steps.Where(s => s.Kind == RestoreStepKind.Skipped).Select(s => s.Part!.Value.PartNumber), Is.EqualTo(new[] { 3 }));
        Assert.That(outcome.Value.IsVerified, Is.True);
        Assert.That(outcome.Value.Plan.Indices, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task An_index_that_appeared_after_the_plan_was_shown_still_refuses_the_restore_without_delete_existing()
    {
        var plan = (await _restore.PlanAsync(BackupId.Create(Id).Value, CancellationToken.None)).Value;
        _indices.Add("operate-list-view-8.3.0_");

        var outcome = await _restore.RunAsync(plan, deleteExisting: false, _ => { }, CancellationToken.None);

        Assert.That(outcome.Error!.Message, Does.Contain("--delete-existing"));
        Assert.That(_calls, Is.Empty);
    }

    [Test]
    public async Task Delete_existing_deletes_only_the_backups_indices_that_exist_before_the_first_part()
    {
        _indices.UnionWith(["operate-list-view-8.3.0_", "operate-process-8.3.0_", "operate-made-later-1.0.0_", "tasklist-task-8.5.0_"]);
        var plan = (await _restore.PlanAsync(BackupId.Create(Id).Value, CancellationToken.None)).Value;

        var outcome = await _restore.RunAsync(plan, deleteExisting: true, _ => { }, CancellationToken.None);

        Assert.That(outcome.IsSuccess, Is.True, outcome.Error?.Message);
        Assert.That(_calls[0], Is.EqualTo("delete operate-list-view-8.3.0_,operate-process-8.3.0_"));
        Assert.That(_calls.Skip(1), Has.All.StartsWith("restore"));
        Assert.That(_indices, Does.Contain("operate-made-later-1.0.0_").And.Contain("tasklist-task-8.5.0_"));
    }

    [Test]
    public async Task A_part_the_engine_refuses_ends_the_restore_there_naming_the_part()
    {
        _engine.Setup(e => e.RestoreSnapshotAsync(Port.Name(Id, 2).ToString(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Failure(Error.EngineFailure("snapshot_restore_exception: cannot restore index")));
        var plan = (await _restore.PlanAsync(BackupId.Create(Id).Value, CancellationToken.None)).Value;

        var outcome = await _restore.RunAsync(plan, deleteExisting: false, _ => { }, CancellationToken.None);

        Assert.That(outcome.Error!.Message, Does.StartWith($"Part 2 of 6 ({Port.Name(Id, 2)}) could not be restored"));
        Assert.That(_calls, Is.EqualTo(new[] { "restore 1" }));
    }

    [Test]
    public async Task An_index_missing_after_the_restore_is_reported_not_verified()
    {
        _engine.Setup(e => e.RestoreSnapshotAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string snapshot, IReadOnlyList<string> indices, CancellationToken _) =>
            {
                _indices.UnionWith(indices.Where(i => i != "operate-incident-8.3.1_"));
                return Result.Success();
            });
        var plan = (await _restore.PlanAsync(BackupId.Create(Id).Value, CancellationToken.None)).Value;

        var outcome = await _restore.RunAsync(plan, deleteExisting: false, _ => { }, CancellationToken.None);

        Assert.That(outcome.Value.IsVerified, Is.False);
        Assert.That(outcome.Value.Missing, Is.EqualTo(new[] { "operate-incident-8.3.1_" }));
    }

    [Test]
    public async Task An_unknown_backup_is_NotFound_and_an_unfinished_one_is_refused_before_the_engine_is_asked_for_indices()
    {
        _harness.Port.Add(Port.Name(43, 1), "IN_PROGRESS");

        var unknown = await _restore.PlanAsync(BackupId.Create(44).Value, CancellationToken.None);
        var running = await _restore.PlanAsync(BackupId.Create(43).Value, CancellationToken.None);

        Assert.That(unknown.Error!.Kind, Is.EqualTo(ErrorKind.NotFound));
        Assert.That(running.Error!.Message, Does.StartWith("Backup [43] is IN_PROGRESS, not COMPLETED"));
        _engine.Verify(e => e.GetSnapshotIndicesAsync(It.IsAny<SnapshotSelection>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
