using Backup.Domain;
using Backup.Domain.Platform;

namespace Backup.Application.Abstractions;

/// <summary>
/// What the platform backup keeps in the engine: one record per platform backup, the lock of the one being taken
/// (whoever holds it, until when), and the <c>zeebe-record*</c> snapshot. Updates are conditional on the version read,
/// so two replicas never both believe they won.
/// </summary>
public interface IPlatformRecords
{
    /// <summary>Takes the lock if nobody holds it; null when someone does.</summary>
    Task<Result<PlatformLock?>> TryLockAsync(PlatformLease lease, CancellationToken cancellationToken);

    /// <summary>The lock as it is now; null when nobody holds it.</summary>
    Task<Result<PlatformLock?>> GetLockAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the lock, if it is still <paramref name="current"/>; null when it changed meanwhile.</summary>
    Task<Result<PlatformLock?>> ReplaceLockAsync(PlatformLock current, PlatformLease lease, CancellationToken cancellationToken);

    /// <summary>Releases the lock, if it is still <paramref name="current"/>.</summary>
    Task<Result> ReleaseLockAsync(PlatformLock current, CancellationToken cancellationToken);

    /// <summary>Records a new platform backup; false when one with its id exists.</summary>
    Task<Result<bool>> CreateRunAsync(PlatformRun run, CancellationToken cancellationToken);

    Task<Result> SaveRunAsync(PlatformRun run, CancellationToken cancellationToken);

    Task<Result<PlatformRun?>> GetRunAsync(BackupId id, CancellationToken cancellationToken);

    /// <summary>Every platform backup's record, the highest id first.</summary>
    Task<Result<IReadOnlyList<PlatformRun>>> ListRunsAsync(CancellationToken cancellationToken);

    Task<Result> DeleteRunAsync(BackupId id, CancellationToken cancellationToken);

    /// <summary>Starts the snapshot of the indices matching <paramref name="indices"/>, without waiting for it.</summary>
    Task<Result> StartRecordsSnapshotAsync(BackupId id, string indices, CancellationToken cancellationToken);

    /// <summary>The engine's state of the records snapshot (SUCCESS, IN_PROGRESS, FAILED, PARTIAL); null when missing.</summary>
    Task<Result<string?>> GetRecordsSnapshotStateAsync(BackupId id, CancellationToken cancellationToken);

    Task<Result> DeleteRecordsSnapshotAsync(BackupId id, CancellationToken cancellationToken);
}

/// <summary>Who holds the platform lock, for which backup, until when (on the holder's clock).</summary>
public sealed record PlatformLease(BackupId BackupId, string Owner, DateTimeOffset Until);

/// <summary>The lock as read, with the engine's version of it that a conditional update names.</summary>
public sealed record PlatformLock(PlatformLease Lease, string Version);
