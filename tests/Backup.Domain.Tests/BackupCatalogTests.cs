namespace Backup.Domain.Tests;

public sealed class BackupCatalogTests
{
    private static Snapshot Part(Component component, long id, int part) =>
        new(new SnapshotName(component, BackupId.Create(id).Value, "8.7.0", part, 6), "SUCCESS", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []);

    [Test]
    public void Groups_by_backup_newest_id_first_and_leaves_other_components_out()
    {
        Snapshot[] snapshots = [Part(Component.Operate, 12, 1), Part(Component.Operate, 120, 1), Part(Component.Tasklist, 500, 1), Part(Component.Operate, 12, 2), Part(Component.Operate, 3, 1)];

        var backups = BackupCatalog.Group(snapshots, Component.Operate, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5));

        Assert.That(backups.Select(b => b.Id.Value), Is.EqualTo(new[] { 120L, 12L, 3L }));
        Assert.That(backups[1].Parts, Has.Count.EqualTo(2));
    }

    [Test]
    public void Orders_by_the_latest_part_start_then_backups_without_times_by_highest_id()
    {
        static BackupReport Backup(long id, params int?[] startMinutes) => BackupReport.Of(
            BackupId.Create(id).Value,
            startMinutes.Select((m, i) => new Snapshot(
                new SnapshotName(Component.Operate, BackupId.Create(id).Value, "8.7.0", i + 1, 6), "SUCCESS",
                m is null ? null : DateTimeOffset.UnixEpoch.AddMinutes(m.Value), null, null)),
            DateTimeOffset.UnixEpoch,
            TimeSpan.FromMinutes(5));

        var ordered = BackupCatalog.MostRecentlyStartedFirst(
            [Backup(30, 1, 2), Backup(10, 5), Backup(20, 3, 4), Backup(40, [null]), Backup(50, [null])]);

        Assert.That(ordered.Select(b => b.Id.Value), Is.EqualTo(new[] { 10L, 20L, 30L, 50L, 40L }));
    }
}
