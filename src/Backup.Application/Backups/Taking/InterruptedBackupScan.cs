using Backup.Application.Abstractions;
using Backup.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Taking;

/// <summary>
/// Picks up the backups an earlier process (or a replica that went away) left half-taken, at start-up and then
/// regularly: the engine's snapshots are the only record of progress.
/// </summary>
public sealed partial class InterruptedBackupScan(
    BackupDrives drives,
    BackupsInProgress inProgress,
    ISnapshotRepository repository,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<InterruptedBackupScan> logger) : BackgroundService
{
    private static readonly TimeSpan ResumeRetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>Waits for the drives, which the application's stopping signal has cancelled, to let go.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await drives.WhenAllStoppedAsync(cancellationToken);
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

    /// <summary>At start-up: every backup still IN_PROGRESS that this process does not take was left by a process before it.</summary>
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
        var unfinished = await inProgress.ReadAsync(cancellationToken);
        if (!unfinished.IsSuccess)
        {
            return unfinished.Error;
        }

        foreach (var backup in unfinished.Value.Where(isInterrupted))
        {
            // A backup reserved here is being created or taken by this process already.
            using var reservation = drives.TryReserve(backup.Id);
            if (reservation is null)
            {
                continue;
            }

            var resumed = await ResumeAsync(backup, reservation, cancellationToken);
            if (!resumed.IsSuccess)
            {
                return resumed;
            }
        }

        return Result.Success();
    }

    private async Task<Result> ResumeAsync(BackupReport backup, BackupDrives.Reservation reservation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var last = backup.Parts[^1].Name;
        // Parts keep the version the backup was started with, so that every part of it carries the same name.
        var planned = await repository.PlanFromIndicesAsync(backup.Id, settings, last.Version, cancellationToken);
        if (!planned.IsSuccess)
        {
            return planned.Error;
        }

        var plan = planned.Value;
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
        drives.HandOver(reservation, plan.Value, fromPart, fromPartCreated: running is not null);
        return Result.Success();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup {BackupId}: resuming an interrupted backup from part {Part} of {PartCount}")]
    private static partial void LogResuming(ILogger logger, BackupId backupId, int part, int partCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId}: cannot resume the interrupted backup: {Reason}. It will be reported INCOMPLETE.")]
    private static partial void LogCannotResume(ILogger logger, BackupId backupId, string reason);

    // Debug: an engine outage is logged once, where it is found (the engine adapter), not at every retry.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look for interrupted backups yet, retrying: {Reason}")]
    private static partial void LogResumeRetry(ILogger logger, string reason);
}
