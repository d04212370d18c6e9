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
        var snapshots = await repository.GetSnapshotsAsync(SnapshotName.PatternFor(component, id), verbose, cancellationToken);
        return snapshots.IsSuccess
            ? snapshots.Value.Where(s => s.Name.Component == component && s.Name.BackupId == id).ToList()
            : snapshots.Error;
    }
}
