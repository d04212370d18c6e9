using System.Collections.Concurrent;
using Backup.Application.Abstractions;
using Backup.Application.Behaviours;
using Backup.Application.Observing;
using Backup.Domain;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.ListBackups;

/// <summary>
/// Identical listings asked for while one is being read share that one engine read: thirty dashboards refreshing
/// together cost the engine one listing, and this process one copy of it, not thirty. The read is not cancelled when
/// one of its askers goes away (the others still wait for it); <see cref="BackupOptions.RequestTimeout"/> bounds it.
/// </summary>
public sealed class SharedListings(IOptions<BackupOptions> options, BackupMetrics metrics)
{
    private readonly ConcurrentDictionary<(SnapshotSelection Selection, bool Verbose), Lazy<Task<Result<IReadOnlyList<Snapshot>>>>> _reading = new();

    public Task<Result<IReadOnlyList<Snapshot>>> GetSnapshotsAsync(
        ISnapshotRepository repository, SnapshotSelection selection, bool verbose, CancellationToken cancellationToken)
    {
        var key = (selection, verbose);
        var read = new Lazy<Task<Result<IReadOnlyList<Snapshot>>>>(() => ReadAsync(repository, key));
        var reading = _reading.GetOrAdd(key, read);
        metrics.ListingRead(shared: reading != read);
        return reading.Value.WaitAsync(cancellationToken);
    }

    private async Task<Result<IReadOnlyList<Snapshot>>> ReadAsync(ISnapshotRepository repository, (SnapshotSelection Selection, bool Verbose) key)
    {
        var timeout = options.Value.RequestTimeout;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await repository.GetSnapshotsAsync(key.Selection, key.Verbose, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Its own deadline, not an asker's: every asker, even one that joined late, gets the answer, not a fault.
            return RequestDeadline.Exceeded(timeout);
        }
        finally
        {
            _reading.TryRemove(key, out _);
        }
    }
}
