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

    /// <summary>The engines list by name or by start, oldest id first; a hand-made repository may list in any order.</summary>
    [TestCase("as the engines list")]
    [TestCase("newest first")]
    [TestCase("shuffled")]
    [TestCase("as the engines list but for the last two backups")]
    [TestCase("as the engines list but for the first part")]
    public void Groups_a_listing_in_any_order_alike(string order)
    {
        var shuffle = new Random(19);
        var listed = Enumerable.Range(1, 50).SelectMany(id => Enumerable.Range(1, 6).Select(part => Part(Component.Operate, 1000 + id, part))).ToList();
        var snapshots = order switch
        {
            "as the engines list" => listed,
            "newest first" => Enumerable.Reverse(listed).ToList(),
            "shuffled" => listed.OrderBy(_ => shuffle.Next()).ToList(),
            "as the engines list but for the last two backups" => [.. listed[..^12], .. listed[^6..], .. listed[^12..^6]],
            _ => [.. listed[1..], listed[0]],
        };

        var backups = BackupCatalog.Group(snapshots, Component.Operate, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5));

        Assert.That(backups.Select(b => b.Id.Value), Is.EqualTo(Enumerable.Range(1, 50).Reverse().Select(id => 1000L + id)));
        Assert.That(backups.Select(b => b.Parts), Is.EqualTo(listed.Chunk(6).Reverse()));
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

    [Test]
    public void Orders_a_list_in_order_but_for_its_last_backup()
    {
        static BackupReport Backup(long id, int startMinute) => BackupReport.Of(
            BackupId.Create(id).Value,
            [new Snapshot(new SnapshotName(Component.Operate, BackupId.Create(id).Value, "8.7.0", 1, 1), "SUCCESS", DateTimeOffset.UnixEpoch.AddMinutes(startMinute), null, null)],
            DateTimeOffset.UnixEpoch,
            TimeSpan.FromMinutes(5));

        var ordered = BackupCatalog.MostRecentlyStartedFirst([Backup(4, 40), Backup(3, 30), Backup(2, 20), Backup(1, 50)]);

        Assert.That(ordered.Select(b => b.Id.Value), Is.EqualTo(new[] { 1L, 4L, 3L, 2L }));
    }

    [Test]
    public void Orders_by_the_instant_a_part_started_whatever_its_offset()
    {
        static BackupReport Backup(long id, DateTimeOffset start) => BackupReport.Of(
            BackupId.Create(id).Value,
            [new Snapshot(new SnapshotName(Component.Operate, BackupId.Create(id).Value, "8.7.0", 1, 1), "SUCCESS", start, null, null)],
            start,
            TimeSpan.FromMinutes(5));

        // 10:00 at +02:00 is 08:00 UTC: an hour before the other backup, though its clock reads later.
        var ordered = BackupCatalog.MostRecentlyStartedFirst(
            [Backup(1, new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(2))), Backup(2, new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))]);

        Assert.That(ordered.Select(b => b.Id.Value), Is.EqualTo(new[] { 2L, 1L }));
    }

    [Test]
    public void Keeps_the_given_order_of_backups_that_tie_and_sorts_as_the_rule_says()
    {
        var random = new Random(19);
        var components = Enum.GetValues<Component>();
        var backups = Enumerable.Range(0, 2_000).Select(_ =>
        {
            var id = BackupId.Create(random.Next(50)).Value;
            var component = components[random.Next(components.Length)];
            DateTimeOffset? start = random.Next(4) == 0 ? null : DateTimeOffset.UnixEpoch.AddMinutes(random.Next(30));
            return BackupReport.Of(id, [new Snapshot(new SnapshotName(component, id, "8.7.0", 1, 6), "SUCCESS", start, null, null)], DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5));
        }).ToList();

        var ordered = BackupCatalog.MostRecentlyStartedFirst(backups);

        // The rule, written the plain way: LINQ's ordering is stable.
        var expected = backups
            .OrderByDescending(b => b.Parts[0].StartTime.HasValue)
            .ThenByDescending(b => b.Parts[0].StartTime)
            .ThenByDescending(b => b.Id.Value);
        Assert.That(ordered, Is.EqualTo(expected).Using<BackupReport>(ReferenceEquals));
    }
}
