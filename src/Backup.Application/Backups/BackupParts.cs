using Backup.Application.Abstractions;
using Backup.Domain;

namespace Backup.Application.Backups;

/// <summary>Reading one backup's parts: the one place that knows a pattern for an id also matches other names.</summary>
internal static class BackupParts
{
    /// <summary>
    /// The snapshots of exactly this component's backup <paramref name="id"/>: the pattern for id 5 also matches
    /// names that merely look alike, which are never taken for its parts.
    /// </summary>
    public static async Task<Result<IReadOnlyList<Snapshot>>> GetPartsAsync(
        this ISnapshotRepository repository, Component component, BackupId id, bool verbose, CancellationToken cancellationToken)
    {
        var snapshots = await repository.GetSnapshotsAsync(SnapshotSelection.Backup(component, id), verbose, cancellationToken);
        return snapshots.IsSuccess ? PartsOf(snapshots.Value, component, id) : snapshots.Error;
    }

    /// <summary>The snapshots of exactly this component's backup <paramref name="id"/> among any others, in their order.</summary>
    public static List<Snapshot> PartsOf(IEnumerable<Snapshot> snapshots, Component component, BackupId id)
    {
        var selection = SnapshotSelection.Backup(component, id);
        return snapshots.Where(s => selection.Includes(s.Name)).ToList();
    }
}
