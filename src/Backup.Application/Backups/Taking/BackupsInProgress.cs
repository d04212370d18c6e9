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
        var names = await ListNamesAsync(cancellationToken);
        return names.IsSuccess ? await AmongAsync(names.Value, [], cancellationToken) : names.Error;
    }

    /// <summary>The names and states of every snapshot of the component: one read of the repository's index.</summary>
    public Task<Result<IReadOnlyList<Snapshot>>> ListNamesAsync(CancellationToken cancellationToken) =>
        repository.GetSnapshotsAsync(SnapshotSelection.AllOf(options.Value.Component), verbose: false, cancellationToken);

    /// <summary>
    /// The backups IN_PROGRESS among a names-only listing of the component's snapshots: asks the engine for the times
    /// of those the names leave unfinished, but for backups whose parts <paramref name="read"/> already holds in full.
    /// </summary>
    public async Task<Result<IReadOnlyList<BackupReport>>> AmongAsync(
        IReadOnlyList<Snapshot> names, IReadOnlyList<Snapshot> read, CancellationToken cancellationToken)
    {
        const int BackupsPerRead = 50;
        var settings = options.Value;
        var known = read.Select(s => s.Name.BackupId).ToHashSet();

        // Without times, a backup still being taken reads as IN_PROGRESS or INCOMPLETE; the times tell which.
        var candidates = BackupCatalog.Group(names, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
            .Where(b => (b.State is BackupState.InProgress or BackupState.Incomplete) && !known.Contains(b.Id))
            .Select(b => b.Id);
        var snapshots = new List<Snapshot>(read);
        foreach (var ids in candidates.Chunk(BackupsPerRead))
        {
            var times = await repository.GetSnapshotsAsync(SnapshotSelection.Backups(settings.Component, ids), verbose: true, cancellationToken);
            if (!times.IsSuccess)
            {
                return times.Error;
            }

            snapshots.AddRange(times.Value);
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
