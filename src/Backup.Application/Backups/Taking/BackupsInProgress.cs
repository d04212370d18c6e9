using Backup.Application.Abstractions;
using Backup.Domain;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Taking;

/// <summary>
/// The component's backups that are IN_PROGRESS by the state rules (a part running, or parts missing and the last one
/// ended less than the incomplete-check timeout ago), read from the engine, which every replica shares; and the gate
/// through which this process starts one backup at a time.
/// </summary>
public sealed class BackupsInProgress(ISnapshotRepository repository, IOptions<BackupOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);

    /// <summary>Waits until no other create in this process is deciding; dispose the answer to let the next one in.</summary>
    public async Task<IDisposable> EnterStartAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        return new Release(_starting);
    }

    /// <summary>
    /// Asks the engine for names and states only (one read of the repository's index, however large), then for the
    /// times of the few backups that are not finished.
    /// </summary>
    public async Task<Result<IReadOnlyList<BackupReport>>> ReadAsync(CancellationToken cancellationToken)
    {
        const int BackupsPerRead = 50;
        var settings = options.Value;
        var names = await repository.GetSnapshotsAsync(SnapshotSelection.AllOf(settings.Component), verbose: false, cancellationToken);
        if (!names.IsSuccess)
        {
            return names.Error;
        }

        // Without times, a backup still being taken reads as IN_PROGRESS or INCOMPLETE; the times tell which.
        var candidates = BackupCatalog.Group(names.Value, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
            .Where(b => b.State is BackupState.InProgress or BackupState.Incomplete)
            .Select(b => b.Id);
        var snapshots = new List<Snapshot>();
        foreach (var ids in candidates.Chunk(BackupsPerRead))
        {
            var read = await repository.GetSnapshotsAsync(SnapshotSelection.Backups(settings.Component, ids), verbose: true, cancellationToken);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            snapshots.AddRange(read.Value);
        }

        return BackupCatalog.Group(snapshots, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
            .Where(b => b.State == BackupState.InProgress)
            .ToList();
    }

    public void Dispose() => _starting.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
