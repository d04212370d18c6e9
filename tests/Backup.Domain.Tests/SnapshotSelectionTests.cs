namespace Backup.Domain.Tests;

public sealed class SnapshotSelectionTests
{
    private static readonly Component[] Webapps = [Component.Webapps, Component.Operate];

    private static SnapshotName Part(long id, Component component = Component.Operate) =>
        new(component, BackupId.Create(id).Value, "8.7.0", 1, 6);

    [Test]
    public void Several_backups_are_one_engine_expression_that_takes_only_their_parts()
    {
        var selection = SnapshotSelection.Backups(Component.Operate, [BackupId.Create(9).Value, BackupId.Create(8).Value]);

        Assert.That(selection.Pattern, Is.EqualTo("camunda_operate_9_*,camunda_operate_8_*"));
        Assert.That(selection.Includes(Part(9)), Is.True);
        Assert.That(selection.Includes(Part(90)), Is.False);
        Assert.That(selection.Includes(Part(9, Component.Tasklist)), Is.False);
    }

    [TestCase(null, "camunda_webapps_*,camunda_operate_*", 120L, true)]
    [TestCase("*", "camunda_webapps_*,camunda_operate_*", 120L, true)]
    [TestCase("12*", "camunda_webapps_12*,camunda_operate_12*", 120L, true)]
    [TestCase("12*", "camunda_webapps_12*,camunda_operate_12*", 1L, false)]
    [TestCase("12", "camunda_webapps_12_*,camunda_operate_12_*", 12L, true)]
    [TestCase("12", "camunda_webapps_12_*,camunda_operate_12_*", 120L, false)]
    [TestCase("012", "camunda_webapps_012_*,camunda_operate_012_*", 12L, false)]
    public void A_listings_id_pattern_asks_the_engine_no_more_than_it_needs(string? pattern, string expression, long id, bool included)
    {
        var selection = SnapshotSelection.IdsMatching(Webapps, pattern);

        Assert.That(selection.Pattern, Is.EqualTo(expression));
        Assert.That(selection.Includes(Part(id)), Is.EqualTo(included));
    }

    [Test]
    public void Selections_that_ask_the_engine_the_same_are_equal()
    {
        var one = SnapshotSelection.Backup(Component.Operate, BackupId.Create(5).Value);

        Assert.That(one, Is.EqualTo(SnapshotSelection.IdsMatching([Component.Operate], "5")));
        Assert.That(one, Is.Not.EqualTo(SnapshotSelection.AllOf(Component.Operate)));
    }

    [Test]
    public void A_platform_backup_is_every_components_parts_of_its_id_and_its_records_snapshot() =>
        Assert.That(SnapshotName.PatternForPlatformBackup(BackupId.Create(1732449600).Value),
            Is.EqualTo("camunda_*_1732449600_*,camunda_zeebe_records_backup_1732449600"));
}
