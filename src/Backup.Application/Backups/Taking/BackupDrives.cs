using System.Collections.Concurrent;
using Backup.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backup.Application.Backups.Taking;

/// <summary>
/// The backups this process takes, one drive each: a create or the interrupted-backup scan reserves a backup before it
/// touches the engine, hands it over to a drive, and a deletion stops it. Nothing else starts or stops a drive.
/// </summary>
public sealed partial class BackupDrives(BackupDriver driver, IHostApplicationLifetime lifetime, ILogger<BackupDrives> logger)
{
    private readonly ConcurrentDictionary<BackupId, Drive> _drives = new();

    /// <summary>Reserves a backup for this process; null when it is reserved or taken here already.</summary>
    public Reservation? TryReserve(BackupId id)
    {
        var drive = new Drive(CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping));
        if (_drives.TryAdd(id, drive))
        {
            return new Reservation(this, id, drive);
        }

        drive.Cancel.Dispose();
        return null;
    }

    /// <summary>Takes a reserved backup's parts from <paramref name="fromPart"/> on in the background.</summary>
    public void HandOver(Reservation reservation, BackupPlan plan, int fromPart, bool fromPartCreated)
    {
        var drive = reservation.Claim();
        var running = Task.Run(() => driver.DriveAsync(plan, fromPart, fromPartCreated, drive.Cancel.Token), CancellationToken.None);
        _ = running.ContinueWith(
            finished =>
            {
                if (finished.IsFaulted)
                {
                    LogDriveCrashed(logger, plan.Id, finished.Exception!);
                }

                Release(plan.Id, drive);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Stops taking a backup (it is being deleted) and waits until no further part of it can be started here: a
    /// reserved backup is stopped once its reservation ends or its drive lets go.
    /// </summary>
    public async Task StopTakingAsync(BackupId id)
    {
        if (_drives.TryGetValue(id, out var drive))
        {
            await drive.Cancel.CancelAsync();
            await drive.Ended.Task;
        }
    }

    /// <summary>Waits for the drives, which the application's stopping signal has cancelled, to let go.</summary>
    public Task WhenAllStoppedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_drives.Values.Select(d => d.Ended.Task)).WaitAsync(cancellationToken);

    private void Release(BackupId id, Drive drive)
    {
        _drives.TryRemove(new KeyValuePair<BackupId, Drive>(id, drive));
        drive.Ended.TrySetResult();
        drive.Cancel.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Backup {BackupId}: taking the backup crashed")]
    private static partial void LogDriveCrashed(ILogger logger, BackupId backupId, Exception exception);

    internal sealed record Drive(CancellationTokenSource Cancel)
    {
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A backup held for this process until it is handed over to a drive; disposing it unused lets it go.</summary>
    public sealed class Reservation : IDisposable
    {
        private readonly BackupDrives _drives;
        private readonly BackupId _id;
        private Drive? _drive;

        internal Reservation(BackupDrives drives, BackupId id, Drive drive) => (_drives, _id, _drive) = (drives, id, drive);

        internal Drive Claim() => Interlocked.Exchange(ref _drive, null) ?? throw new InvalidOperationException($"Backup {_id} was handed over already.");

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _drive, null) is { } unused)
            {
                _drives.Release(_id, unused);
            }
        }
    }
}
