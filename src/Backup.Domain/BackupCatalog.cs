namespace Backup.Domain;

/// <summary>Turns a repository's snapshots into backups.</summary>
public static class BackupCatalog
{
    /// <summary>
    /// Groups one component's snapshots by backup id, newest backup (highest id) first. Snapshots of other
    /// components are left out: they belong to someone else.
    /// </summary>
    public static IReadOnlyList<BackupReport> Group(
        IEnumerable<Snapshot> snapshots, Component component, DateTimeOffset now, TimeSpan incompleteCheckTimeout) =>
    [
        .. snapshots
            .Where(s => s.Name.Component == component)
            .GroupBy(s => s.Name.BackupId)
            .OrderByDescending(g => g.Key.Value)
            .Select(g => BackupReport.Of(g.Key, g, now, incompleteCheckTimeout)),
    ];
}
