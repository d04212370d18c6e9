namespace Backup.Domain.Tests;

/// <summary>What a restore may touch: only a COMPLETED backup, parts in order, deletions inside the prefix only.</summary>
public sealed class RestorePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly BackupId Id = BackupId.Create(7).Value;

    private static SnapshotName Part(int number) => new(Component.Operate, Id, "8.7.0", number, 3);

    private static BackupReport Backup(params string[] states) => BackupReport.Of(
        Id,
        states.Select((state, i) => new Snapshot(Part(i + 1), state, Now.AddMinutes(-10), Now.AddMinutes(-9), [])),
        Now,
        TimeSpan.FromMinutes(5));

    private static Dictionary<SnapshotName, IReadOnlyList<string>> Contents(params string[][] indicesByPart) =>
        indicesByPart.Select((indices, i) => (Part(i + 1), (IReadOnlyList<string>)indices)).ToDictionary(p => p.Item1, p => p.Item2);

    private static readonly Dictionary<SnapshotName, IReadOnlyList<string>> ThreeParts = Contents(
        ["operate-import-position-8.3.0_"],
        ["operate-list-view-8.3.0_", "operate-list-view-8.3.0_2024-01-15"],
        []);

    [TestCase("SUCCESS", "FAILED", "SUCCESS", "FAILED")]
    [TestCase("SUCCESS", "SUCCESS", "IN_PROGRESS", "IN_PROGRESS")]
    [TestCase("SUCCESS", "INCOMPATIBLE", "SUCCESS", "INCOMPATIBLE")]
    public void A_backup_that_is_not_COMPLETED_is_refused_with_its_state(string first, string second, string third, string state)
    {
        var plan = RestorePlan.Create(Backup(first, second, third), Component.Operate, "operate", ThreeParts, []);

        Assert.That(plan.IsSuccess, Is.False);
        Assert.That(plan.Error!.Message, Does.StartWith($"Backup [7] is {state}, not COMPLETED"));
    }

    [Test]
    public void Parts_come_in_part_order_with_their_indices_and_what_exists_of_them()
    {
        var plan = RestorePlan.Create(Backup("SUCCESS", "SUCCESS", "SUCCESS"), Component.Operate, "operate", ThreeParts,
            ["operate-list-view-8.3.0_", "operate-made-later-1.0.0_", "tasklist-task-8.5.0_"]).Value;

        Assert.That(plan.Parts.Select(p => p.Snapshot.PartNumber), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(plan.Parts[1].Indices, Is.EqualTo(new[] { "operate-list-view-8.3.0_", "operate-list-view-8.3.0_2024-01-15" }));
        Assert.That(plan.Parts[2].Indices, Is.Empty);
        Assert.That(plan.Existing, Is.EqualTo(new[] { "operate-list-view-8.3.0_" }), "an index outside the backup is not the restore's business");
        Assert.That(plan.Deletable, Is.EqualTo(new[] { "operate-list-view-8.3.0_" }));
    }

    [Test]
    public void Existing_indices_refuse_the_restore_unless_deleting_them_is_allowed()
    {
        var plan = RestorePlan.Create(Backup("SUCCESS", "SUCCESS", "SUCCESS"), Component.Operate, "operate", ThreeParts, ["operate-import-position-8.3.0_"]).Value;

        Assert.That(plan.CheckCanRestore(deleteExisting: false).Error!.Message, Does.Contain("--delete-existing"));
        Assert.That(plan.CheckCanRestore(deleteExisting: true).IsSuccess, Is.True);
    }

    [Test]
    public void Nothing_existing_needs_no_permission()
    {
        var plan = RestorePlan.Create(Backup("SUCCESS", "SUCCESS", "SUCCESS"), Component.Operate, "operate", ThreeParts, ["tasklist-task-8.5.0_"]).Value;

        Assert.That(plan.CheckCanRestore(deleteExisting: false).IsSuccess, Is.True);
        Assert.That(plan.Deletable, Is.Empty);
    }

    [TestCase("operate")]
    [TestCase("prod-operate")]
    public void An_existing_index_of_the_backup_outside_the_prefix_is_never_deletable_and_blocks_the_restore(string prefix)
    {
        // Taken with another prefix (or holding another component's index): deleting it could hit someone else's data.
        var contents = Contents(["operate-import-position-8.3.0_", "tasklist-task-8.5.0_"], [], []);
        var plan = RestorePlan.Create(Backup("SUCCESS", "SUCCESS", "SUCCESS"), Component.Operate, prefix, contents,
            ["operate-import-position-8.3.0_", "tasklist-task-8.5.0_"]).Value;

        Assert.That(plan.Foreign, Does.Contain("tasklist-task-8.5.0_"));
        Assert.That(plan.Deletable, Has.None.StartsWith("tasklist-"));
        Assert.That(plan.CheckCanRestore(deleteExisting: true).Error!.Message, Does.Contain("nothing of it is deleted or restored"));
    }

    /// <summary>Crafted snapshots: names under the prefix that this service never writes, other components' indices, expressions.</summary>
    [TestCase("operate-customer-important", true)]
    [TestCase("tasklist-gone-1", false)]
    [TestCase("operate-list-view-8.3.0_,operate-customer-important", false)]
    [TestCase("operate-list-view-8.3.0_*", false)]
    [TestCase("operate-*", false)]
    [TestCase("_all", false)]
    public void A_backup_holding_an_index_this_service_does_not_write_is_refused_whole_and_deletes_nothing(string crafted, bool exists)
    {
        var contents = Contents(["operate-import-position-8.3.0_", crafted], [], []);
        var plan = RestorePlan.Create(Backup("SUCCESS", "SUCCESS", "SUCCESS"), Component.Operate, "operate", contents,
            exists ? ["operate-import-position-8.3.0_", crafted] : ["operate-import-position-8.3.0_"]).Value;

        Assert.That(plan.Foreign, Is.EqualTo(new[] { crafted }));
        Assert.That(plan.Deletable, Is.EqualTo(new[] { "operate-import-position-8.3.0_" }));
        Assert.That(plan.CheckCanRestore(deleteExisting: true).Error!.Message, Does.Contain(crafted));
    }

    [Test]
    public void A_part_whose_indices_the_engine_did_not_report_is_an_error_not_an_empty_part()
    {
        var plan = RestorePlan.Create(Backup("SUCCESS", "SUCCESS", "SUCCESS"), Component.Operate, "operate", Contents(["a"], ["b"]), []);

        Assert.That(plan.Error!.Message, Does.Contain(Part(3).ToString()));
    }

    [TestCase("COMPLETED", BackupState.Completed)]
    [TestCase("IN_PROGRESS", BackupState.InProgress)]
    [TestCase("FAILED", BackupState.Failed)]
    [TestCase("INCOMPATIBLE", BackupState.Incompatible)]
    [TestCase("INCOMPLETE", BackupState.Incomplete)]
    public void State_names_read_back_as_they_are_written(string name, BackupState state)
    {
        Assert.That(BackupStateNames.TryParse(name, out var read), Is.True);
        Assert.That(read, Is.EqualTo(state));
        Assert.That(state.Name(), Is.EqualTo(name));
        Assert.That(state.IsTerminal(), Is.EqualTo(state != BackupState.InProgress));
    }

    [TestCase("completed")]
    [TestCase("")]
    [TestCase(null)]
    public void Unknown_state_names_do_not_read(string? name) => Assert.That(BackupStateNames.TryParse(name, out _), Is.False);
}
