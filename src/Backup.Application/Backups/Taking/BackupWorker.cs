using System.Collections.Concurrent;
using Backup.Application.Abstractions;
using Backup.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Taking;

/// <summary>
/// Runs the backups this process takes in the background, and at start-up picks up the backups an earlier process
/// (or a replica that went away) left half-taken: the engine's snapshots are the only record of progress.
/// </summary>
public sealed partial class BackupWorker(
    BackupDriver driver,
    BackupsInProgress inProgress,
    ISnapshotRepository repository,
    IOptions<BackupOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<BackupWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ResumeRetryInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<BackupId, (Component Component, CancellationTokenSource Cancel, Task Drive)> _drives = new();

    /// <summary>Takes a backup's parts from <paramref name="fromPart"/> on in the background.</summary>
    public void TakeInBackground(BackupPlan plan, int fromPart, bool fromPartCreated)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        var drive = Task.Run(() => driver.DriveAsync(plan, fromPart, fromPartCreated, cancel.Token), CancellationToken.None);
        _drives[plan.Id] = (plan.Component, cancel, drive);
        _ = drive.ContinueWith(
            finished =>
            {
                _drives.TryRemove(new KeyValuePair<BackupId, (Component, CancellationTokenSource, Task)>(plan.Id, (plan.Component, cancel, drive)));
                cancel.Dispose();
                if (finished.IsFaulted)
                {
                    LogDriveCrashed(logger, plan.Id, finished.Exception!);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Stops taking a backup (it is being deleted) and waits until no further part can be started.</summary>
    public async Task StopTakingAsync(BackupId id)
    {
        if (_drives.TryGetValue(id, out var running))
        {
            await running.Cancel.CancelAsync();
            await running.Drive.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Waits for the drives, which the application's stopping signal has cancelled, to let go.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_drives.Values.Select(d => d.Drive.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)))
            .WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.RepositoryNotConfigured is not null)
        {
            return;
        }

        // The engine may start after the service; there is nothing left to resume once the incomplete-check timeout passed.
        var giveUpAt = time.GetUtcNow() + settings.IncompleteCheckTimeout;
        while (!stoppingToken.IsCancellationRequested)
        {
            var resumed = await ResumeOwnInterruptedBackupsAsync(stoppingToken);
            if (resumed.IsSuccess || time.GetUtcNow() >= giveUpAt)
            {
                break;
            }

            LogResumeRetry(logger, resumed.Error.Message);
            await Task.Delay(ResumeRetryInterval, time, stoppingToken);
        }

        // A replica that went away mid-backup leaves it to whichever replica looks next.
        var scanEvery = TimeSpan.FromTicks(Math.Min(settings.IncompleteCheckTimeout.Ticks / 5, TimeSpan.FromMinutes(1).Ticks));
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(scanEvery, time, stoppingToken);
            await TakeOverOrphanedBackupsAsync(idleFor: settings.MaxPollInterval * 3, stoppingToken);
        }
    }

    /// <summary>At start-up: every backup still IN_PROGRESS that this process does not drive was left by a process before it.</summary>
    internal Task<Result> ResumeOwnInterruptedBackupsAsync(CancellationToken cancellationToken) =>
        ResumeMatchingAsync(_ => true, cancellationToken);

    /// <summary>
    /// While running: a backup with no running part for <paramref name="idleFor"/> lost the replica that took it, and
    /// this process takes it over.
    /// </summary>
    internal Task<Result> TakeOverOrphanedBackupsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var idleSince = time.GetUtcNow() - idleFor;
        return ResumeMatchingAsync(
            b => !b.Parts.Any(p => p.State == SnapshotState.InProgress) && b.Parts.Max(p => p.EndTime) < idleSince, cancellationToken);
    }

    private async Task<Result> ResumeMatchingAsync(Func<BackupReport, bool> isInterrupted, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var unfinished = await inProgress.ReadAsync(cancellationToken);
        if (!unfinished.IsSuccess)
        {
            return unfinished.Error;
        }

        var interrupted = unfinished.Value.Where(b => !_drives.ContainsKey(b.Id)).Where(isInterrupted);
        foreach (var backup in interrupted)
        {
            var resumed = await ResumeAsync(backup, settings, cancellationToken);
            if (!resumed.IsSuccess)
            {
                return resumed;
            }
        }

        return Result.Success();
    }

    private async Task<Result> ResumeAsync(BackupReport backup, BackupOptions settings, CancellationToken cancellationToken)
    {
        var last = backup.Parts[^1].Name;
        var indices = await repository.GetIndicesAsync(settings.IndexExpression, cancellationToken);
        if (!indices.IsSuccess)
        {
            return indices.Error;
        }

        // Parts keep the version the backup was started with, so that every part of it carries the same name.
        var plan = BackupPlan.Create(backup.Id, settings.Profile, settings.EffectiveIndexPrefix, last.Version, indices.Value);
        if (!plan.IsSuccess)
        {
            LogCannotResume(logger, backup.Id, plan.Error.Message);
            return Result.Success();
        }

        if (last.PartCount != plan.Value.PartCount)
        {
            LogCannotResume(logger, backup.Id, $"it has {last.PartCount} parts where the indices now make {plan.Value.PartCount}");
            return Result.Success();
        }

        var running = backup.Parts.FirstOrDefault(p => p.State == SnapshotState.InProgress);
        var fromPart = running?.Name.PartNumber ?? last.PartNumber + 1;
        LogResuming(logger, backup.Id, fromPart, last.PartCount);
        TakeInBackground(plan.Value, fromPart, fromPartCreated: running is not null);
        return Result.Success();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup {BackupId}: resuming an interrupted backup from part {Part} of {PartCount}")]
    private static partial void LogResuming(ILogger logger, BackupId backupId, int part, int partCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId}: cannot resume the interrupted backup: {Reason}. It will be reported INCOMPLETE.")]
    private static partial void LogCannotResume(ILogger logger, BackupId backupId, string reason);

    // Debug: an engine outage is logged once, where it is found (the engine adapter), not at every retry.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look for interrupted backups yet, retrying: {Reason}")]
    private static partial void LogResumeRetry(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Backup {BackupId}: taking the backup crashed")]
    private static partial void LogDriveCrashed(ILogger logger, BackupId backupId, Exception exception);
}
