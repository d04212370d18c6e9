using Backup.Domain;
using Backup.Domain.Platform;

namespace Backup.Application.Abstractions;

/// <summary>
/// What a restore needs of the engine beyond <see cref="ISnapshotRepository"/>, with the same translation of the
/// engine's faults into results. Index names are always exact: never a pattern that could reach another component.
/// </summary>
public interface ISnapshotRestore
{
    /// <summary>The indices each snapshot of the selection holds, for the snapshots this service named.</summary>
    Task<Result<IReadOnlyDictionary<SnapshotName, IReadOnlyList<string>>>> GetSnapshotIndicesAsync(SnapshotSelection selection, CancellationToken cancellationToken);

    /// <summary>Every snapshot of the platform backup <paramref name="id"/>, whoever named it (Optimize's, the records snapshot), with its state and indices.</summary>
    Task<Result<IReadOnlyList<SnapshotContents>>> GetPlatformBackupSnapshotsAsync(BackupId id, CancellationToken cancellationToken);

    /// <summary>Deletes exactly these indices.</summary>
    Task<Result> DeleteIndicesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>Restores these indices of one snapshot under their own names, and waits until the engine has finished.</summary>
    Task<Result> RestoreSnapshotAsync(string snapshot, IReadOnlyList<string> indices, CancellationToken cancellationToken);
}
