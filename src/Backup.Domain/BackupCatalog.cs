namespace Backup.Domain;

/// <summary>Turns a repository's snapshots into backups.</summary>
public static class BackupCatalog
{
    /// <summary>
    /// Groups one component's snapshots by backup id, newest backup (highest id) first. Snapshots of other
    /// components are left out: they belong to someone else.
    /// </summary>
    public static IReadOnlyList<BackupReport> Group(
        IEnumerable<Snapshot> snapshots, Component component, DateTimeOffset now, TimeSpan incompleteCheckTimeout)
    {
        // One sort and one pass: a repository of 10,000 backups has 60,000 snapshots.
        var ours = snapshots.Where(s => s.Name.Component == component).ToArray();
        // Sorted by a key of their own, the negated ids (ids are never negative): a sort of plain numbers, several times
        // as fast as one that calls a comparison for each pair. Parts come in any order; BackupReport.Of sorts them.
        var newestFirst = Array.ConvertAll(ours, s => -s.Name.BackupId.Value);
        Array.Sort(newestFirst, ours);
        var backups = new List<BackupReport>();
        for (var first = 0; first < ours.Length;)
        {
            var id = ours[first].Name.BackupId;
            var end = first + 1;
            while (end < ours.Length && ours[end].Name.BackupId == id)
            {
                end++;
            }

            backups.Add(BackupReport.Of(id, new ArraySegment<Snapshot>(ours, first, end - first), now, incompleteCheckTimeout));
            first = end;
        }

        return backups;
    }

    /// <summary>
    /// The original's list order: the backup whose latest part started most recently first. Backups whose parts carry
    /// no times (a names-only listing) follow, highest id first.
    /// </summary>
    public static IReadOnlyList<BackupReport> MostRecentlyStartedFirst(IEnumerable<BackupReport> backups) =>
        [.. backups
            .Select(b => (Backup: b, Started: b.Parts.Max(p => p.StartTime)))
            .OrderByDescending(b => b.Started.HasValue)
            .ThenByDescending(b => b.Started)
            .ThenByDescending(b => b.Backup.Id.Value)
            .Select(b => b.Backup)];
}
