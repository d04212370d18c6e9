using Backup.Domain;

namespace Backup.Application.Abstractions;

/// <summary>
/// The engine's snapshot repository, as the use cases need it. Adapters translate the engine's world (status codes,
/// error types, field quirks) into these results: a missing repository is <see cref="ErrorKind.NotFound"/>, an engine
/// that cannot be reached is <see cref="ErrorKind.EngineUnreachable"/>, any other engine error
/// <see cref="ErrorKind.EngineFailure"/> with the engine's reason.
/// </summary>
public interface ISnapshotRepository
{
    /// <summary>The names of the open indices matching <paramref name="pattern"/>.</summary>
    Task<Result<IReadOnlyList<string>>> GetIndicesAsync(string pattern, CancellationToken cancellationToken);

    /// <summary>Starts taking a snapshot without waiting for it to finish.</summary>
    Task<Result<SnapshotCreation>> CreateSnapshotAsync(SnapshotRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The snapshots the engine finds for a selection, of those whose names this service can read; <paramref name="verbose"/>
    /// false asks the engine for names and states only, which is much cheaper on large repositories.
    /// </summary>
    Task<Result<IReadOnlyList<Snapshot>>> GetSnapshotsAsync(SnapshotSelection selection, bool verbose, CancellationToken cancellationToken);

    /// <summary>One snapshot by exact name, or null when it does not exist.</summary>
    Task<Result<Snapshot?>> GetSnapshotAsync(SnapshotName name, CancellationToken cancellationToken);

    /// <summary>How far the engine is with one snapshot, or null when it does not exist.</summary>
    Task<Result<SnapshotProgress?>> GetSnapshotProgressAsync(SnapshotName name, CancellationToken cancellationToken);

    /// <summary>The snapshots the engine is taking right now.</summary>
    Task<Result<IReadOnlyList<Snapshot>>> GetRunningSnapshotsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes exactly these snapshots, by exact name; never by pattern.</summary>
    Task<Result> DeleteSnapshotsAsync(IReadOnlyList<SnapshotName> names, CancellationToken cancellationToken);
}
