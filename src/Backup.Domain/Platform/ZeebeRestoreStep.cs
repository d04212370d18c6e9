namespace Backup.Domain.Platform;

/// <summary>
/// How Zeebe's brokers are restored from their own backup, which no engine snapshot holds: Camunda's restore
/// application, per version (../shared/spec/platform-backup.md §7, Camunda's "Restore a backup" pages).
/// </summary>
public static class ZeebeRestoreStep
{
    /// <summary>The operator's instructions for restoring backup <paramref name="id"/> taken with Camunda <paramref name="version"/>.</summary>
    public static IReadOnlyList<string> For(string version, BackupId id)
    {
        var common = new[]
        {
            "Stop every Camunda component (none may run while the brokers restore), and empty every broker's data directory (delete its persistent volume).",
            "Run the restore on every broker with the broker's own configuration (same node id, data directory, cluster size) and the SAME partition count as when the backup was taken.",
        };
        var invocation = version.StartsWith("8.8", StringComparison.Ordinal)
            ? new[]
            {
                $"Helm (orchestration.env): SPRING_PROFILES_ACTIVE=restore ZEEBE_RESTORE=true ZEEBE_RESTORE_FROM_BACKUP_ID={id}, with the backup store's CAMUNDA_DATA_BACKUP_* settings;",
                $"  by hand: ./camunda/bin/restore --backupId={id}",
            }
            : version.StartsWith("8.6", StringComparison.Ordinal)
                ? new[]
                {
                    $"Helm (chart 11.5.0 or later): ZEEBE_RESTORE=true ZEEBE_RESTORE_FROM_BACKUP_ID={id};",
                    $"  older charts and by hand: /usr/local/zeebe/bin/restore --backupId={id}",
                }
                : new[]
                {
                    $"Helm (chart 12.1.0 or later): ZEEBE_RESTORE=true ZEEBE_RESTORE_FROM_BACKUP_ID={id};",
                    $"  older charts and by hand: SPRING_PROFILES_ACTIVE=restore /usr/local/camunda/bin/restore --backupId={id}",
                };
        return
        [
            .. common,
            .. invocation,
            "Each broker logs 'Successfully restored broker from backup' and exits; then remove the restore settings and start every component "
                + $"with Camunda {version}.",
        ];
    }
}
