using Backup.Domain.Platform;

namespace Backup.Domain.Tests;

/// <summary>What a platform restore checks before it touches anything, and the order it restores in.</summary>
public sealed class PlatformRestorePlanTests
{
    private static readonly BackupId Id = BackupId.Create(1748937221).Value;

    private static readonly PlatformComponent[] Deployed87 =
        [PlatformComponent.Zeebe, PlatformComponent.Operate, PlatformComponent.Tasklist, PlatformComponent.Optimize];

    /// <summary>The docs' own example set of one 8.7 platform backup (restore page): Optimize 8.7.1, the web applications 8.7.2.</summary>
    private static List<SnapshotContents> Backup87() =>
    [
        .. Parts("operate", "8.7.2", 2, "operate-list-view-8.7.0_"),
        .. Parts("tasklist", "8.7.2", 2, "tasklist-task-8.5.0_"),
        .. Parts("optimize", "8.7.1", 2, "optimize-single-process-report_v11"),
        new($"camunda_zeebe_records_backup_{Id}", "SUCCESS", ["zeebe-record_process-instance_8.7.0_2026-11-29"]),
    ];

    [Test]
    public void Every_snapshot_is_restored_in_the_order_it_was_taken_each_component_part_by_part()
    {
        var plan = Plan(Backup87());

        Assert.That(plan.IsSuccess, Is.True, plan.IsSuccess ? "" : plan.Error.Message);
        Assert.That(plan.Value.Parts.Select(p => p.Snapshot), Is.EqualTo(new[]
        {
            $"camunda_optimize_{Id}_8.7.1_part_1_of_2", $"camunda_optimize_{Id}_8.7.1_part_2_of_2",
            $"camunda_operate_{Id}_8.7.2_part_1_of_2", $"camunda_operate_{Id}_8.7.2_part_2_of_2",
            $"camunda_tasklist_{Id}_8.7.2_part_1_of_2", $"camunda_tasklist_{Id}_8.7.2_part_2_of_2",
            $"camunda_zeebe_records_backup_{Id}",
        }));
        Assert.That(plan.Value.Version, Is.EqualTo("8.7.2"), "the web applications' release, whatever Optimize's patch");
        Assert.That(plan.Value.Existing, Is.EqualTo(new[] { "operate-list-view-8.7.0_" }));
        Assert.That(plan.Value.CheckCanRestore(deleteExisting: false).IsSuccess, Is.False);
        Assert.That(plan.Value.CheckCanRestore(deleteExisting: true).IsSuccess, Is.True);
    }

    [TestCase("missing", "optimize: part 2 of 2 is missing")]
    [TestCase("FAILED", $"optimize: part 2 of 2 (camunda_optimize_1748937221_8.7.1_part_2_of_2) is FAILED, not SUCCESS")]
    [TestCase("PARTIAL", "is PARTIAL, not SUCCESS")]
    public void A_missing_or_unsuccessful_part_is_refused_naming_the_component_and_the_part(string fault, string message)
    {
        var snapshots = Backup87();
        var index = snapshots.FindIndex(s => s.Name == $"camunda_optimize_{Id}_8.7.1_part_2_of_2");
        if (fault == "missing")
        {
            snapshots.RemoveAt(index);
        }
        else
        {
            snapshots[index] = snapshots[index] with { State = fault };
        }

        Assert.That(Plan(snapshots).Error!.Message, Does.Contain(message));
    }

    [Test]
    public void A_missing_component_or_records_snapshot_is_refused()
    {
        Assert.That(Plan([.. Backup87().Where(s => !s.Name.StartsWith("camunda_tasklist", StringComparison.Ordinal))]).Error!.Message,
            Does.StartWith($"tasklist: no backup with id {Id}"));
        Assert.That(Plan([.. Backup87().Where(s => !s.Name.StartsWith("camunda_zeebe", StringComparison.Ordinal))]).Error!.Message,
            Does.StartWith($"zeebe: the records snapshot camunda_zeebe_records_backup_{Id} is missing"));
    }

    [TestCase("8.7.1", "8.7.2", "8.7.1")]
    [TestCase("8.8.0", "8.8.0", "8.8.0")]
    [TestCase("8.7.2", "8.7.2", "8.6.3")]
    public void Versions_that_disagree_or_leave_the_configured_line_are_refused(string operate, string tasklist, string optimize)
    {
        List<SnapshotContents> snapshots =
        [
            .. Parts("operate", operate, 1, "operate-list-view-8.7.0_"),
            .. Parts("tasklist", tasklist, 1, "tasklist-task-8.5.0_"),
            .. Parts("optimize", optimize, 2, "optimize-single-process-report_v11"),
            new($"camunda_zeebe_records_backup_{Id}", "SUCCESS", []),
        ];

        Assert.That(Plan(snapshots).Error!.Message, Does.Contain($"The versions of platform backup {Id} disagree"));
    }

    [Test]
    public void An_index_outside_the_components_known_prefixes_blocks_the_restore()
    {
        var snapshots = Backup87();
        snapshots[0] = snapshots[0] with { Indices = ["operate-list-view-8.7.0_", "customers"] };

        var plan = Plan(snapshots).Value;

        Assert.That(plan.Foreign, Is.EqualTo(new[] { $"customers (camunda_operate_{Id}_8.7.2_part_1_of_2)" }));
        Assert.That(plan.CheckCanRestore(deleteExisting: true).Error!.Message, Does.Contain("outside its components' known prefixes"));
    }

    private static Result<PlatformRestorePlan> Plan(IReadOnlyList<SnapshotContents> snapshots) =>
        PlatformRestorePlan.Create(Id, PlatformLine.V87, Deployed87, snapshots, ["operate-list-view-8.7.0_", "unrelated"],
            (component, index) => index.StartsWith(component == PlatformComponent.Zeebe ? "zeebe-record" : component.Name() + "-", StringComparison.Ordinal));

    private static IEnumerable<SnapshotContents> Parts(string component, string version, int count, string index) =>
        Enumerable.Range(1, count).Select(n => new SnapshotContents($"camunda_{component}_{Id}_{version}_part_{n}_of_{count}", "SUCCESS", n == 1 ? [index] : []));
}
