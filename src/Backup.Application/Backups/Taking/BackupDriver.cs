using Backup.Application.Abstractions;
using Backup.Application.Observing;
using Backup.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Taking;

/// <summary>
/// Takes a backup's parts one after another: follows each part until the engine finishes it, then starts the next.
/// It keeps nothing the engine does not also know, so a restarted service (or another replica) can pick a backup up.
/// </summary>
public sealed partial class BackupDriver(
    ISnapshotRepository repository,
    IOptions<BackupOptions> options,
    TimeProvider time,
    BackupMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<BackupDriver> logger)
{
    private static readonly TimeSpan FirstPollInterval = TimeSpan.FromMilliseconds(100);

    /// <param name="fromPart">The first part to take care of.</param>
    /// <param name="fromPartCreated">Whether that part's snapshot was already created (by the caller, or found running).</param>
    public async Task DriveAsync(BackupPlan plan, int fromPart, bool fromPartCreated, CancellationToken cancellationToken)
    {
        var number = fromPart;
        try
        {
            await DrivePartsAsync(plan, fromPart, fromPartCreated, part => number = part, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogStoppedWithService(logger, plan.Id, number, plan.Parts.Count);
            throw;
        }
    }

    private async Task DrivePartsAsync(BackupPlan plan, int fromPart, bool fromPartCreated, Action<int> reachedPart, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        DateTimeOffset? previousEnd = null;
        for (var number = fromPart; number <= plan.Parts.Count; number++)
        {
            reachedPart(number);
            var name = plan.SnapshotNameOf(number);
            var needsCreating = number != fromPart || !fromPartCreated;
            if (needsCreating && !await CreateAsync(plan, number, previousEnd, settings, cancellationToken))
            {
                metrics.BackupEnded(BackupOutcome.Incomplete);
                return;
            }

            var finished = await FollowAsync(name, settings, cancellationToken);
            if (finished is null)
            {
                metrics.BackupEnded(BackupOutcome.Incomplete);
                return;
            }

            metrics.PartEnded(finished);
            if (finished.State != SnapshotState.Success)
            {
                metrics.BackupEnded(BackupOutcome.Failed);
                LogPartFailed(logger, plan.Id, number, plan.Parts.Count, finished.EngineState, string.Join("; ", finished.Failures ?? []));
                return;
            }

            LogPartDone(logger, plan.Id, number, plan.Parts.Count);
            previousEnd = finished.EndTime ?? time.GetUtcNow();
        }

        LogCompleted(logger, plan.Id, plan.Parts.Count);
        metrics.BackupEnded(BackupOutcome.Completed, previousEnd);
    }

    private async Task<bool> CreateAsync(
        BackupPlan plan, int number, DateTimeOffset? previousEnd, BackupOptions settings, CancellationToken cancellationToken)
    {
        var name = plan.SnapshotNameOf(number);
        var request = new SnapshotRequest(name, plan.Parts[number - 1].Indices, settings.IncludeGlobalState);
        var interval = FirstPollInterval;
        while (true)
        {
            // Past this point every replica reports the backup INCOMPLETE: a late part would only contradict that.
            if (previousEnd is { } end && time.GetUtcNow() - end >= settings.IncompleteCheckTimeout)
            {
                LogGaveUp(logger, plan.Id, number, plan.Parts.Count, settings.IncompleteCheckTimeout);
                return false;
            }

            var created = await repository.CreatePartAsync(request, cancellationToken);
            if (created.IsSuccess)
            {
                LogPartStarted(logger, plan.Id, number, plan.Parts.Count, created.Value == SnapshotCreation.NameInUse);
                return true;
            }

            if (created.Error.Kind != ErrorKind.EngineUnreachable)
            {
                LogCreateFailed(logger, plan.Id, number, plan.Parts.Count, created.Error.Message);
                return false;
            }

            LogRetrying(logger, plan.Id, number, created.Error.Message);
            await Task.Delay(interval, time, cancellationToken);
            interval = PollInterval.Longer(interval, settings.MaxPollInterval);
        }
    }

    /// <returns>The part once the engine finished it; null when it vanished or could not be read for too long.</returns>
    private async Task<Snapshot?> FollowAsync(SnapshotName name, BackupOptions settings, CancellationToken cancellationToken)
    {
        var interval = FirstPollInterval;
        DateTimeOffset? unreachableSince = null;
        (DateTimeOffset At, double Done)? firstLook = null;
        while (true)
        {
            await Task.Delay(interval, time, cancellationToken);

            // The status API tells how far the engine is; the snapshot's own record, read once it stopped, how it ended.
            var progress = await repository.GetSnapshotProgressAsync(name, cancellationToken);
            if (progress.IsSuccess && progress.Value is { IsRunning: true } running)
            {
                unreachableSince = null;
                var now = time.GetUtcNow();
                var done = running.Done ?? 0;
                firstLook ??= (now, done);
                interval = PollInterval.Next(interval, now - firstLook.Value.At, done - firstLook.Value.Done, 1 - done, settings.MaxPollInterval);
                continue;
            }

            var read = progress.IsSuccess ? await repository.GetSnapshotAsync(name, cancellationToken) : (Result<Snapshot?>)progress.Error;
            if (!read.IsSuccess)
            {
                unreachableSince ??= time.GetUtcNow();
                if (time.GetUtcNow() - unreachableSince >= settings.IncompleteCheckTimeout)
                {
                    LogFollowFailed(logger, name.BackupId, name.PartNumber, read.Error.Message);
                    return null;
                }

                LogRetrying(logger, name.BackupId, name.PartNumber, read.Error.Message);
                interval = PollInterval.Longer(interval, settings.MaxPollInterval);
                continue;
            }

            unreachableSince = null;
            switch (read.Value)
            {
                case null:
                    LogPartVanished(logger, name.BackupId, name.PartNumber, name.ToString());
                    return null;
                case { } snapshot when snapshot.State.IsTerminal():
                    return snapshot;
            }

            // Done by its status, not yet by its record (the engine is finalizing it): look again a little later.
            interval = PollInterval.Longer(interval, settings.MaxPollInterval);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup {BackupId}: the service is stopping while part {Part} of {PartCount} is taken. The engine goes on with that part; the next start of the service, or another replica, takes the rest.")]
    private static partial void LogStoppedWithService(ILogger logger, BackupId backupId, int part, int partCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId}: part {Part} of {PartCount} started (already there: {AlreadyThere})")]
    private static partial void LogPartStarted(ILogger logger, BackupId backupId, int part, int partCount, bool alreadyThere);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId}: part {Part} of {PartCount} succeeded")]
    private static partial void LogPartDone(ILogger logger, BackupId backupId, int part, int partCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId}: completed, all {PartCount} parts succeeded")]
    private static partial void LogCompleted(ILogger logger, BackupId backupId, int partCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId}: part {Part} of {PartCount} ended {State}; the backup has FAILED and no further part is taken. Shard failures: {Failures}")]
    private static partial void LogPartFailed(ILogger logger, BackupId backupId, int part, int partCount, string? state, string failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId}: part {Part} of {PartCount} could not be created: {Reason}. The backup will be reported INCOMPLETE.")]
    private static partial void LogCreateFailed(ILogger logger, BackupId backupId, int part, int partCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId}: part {Part} of {PartCount} was not started within {Timeout} of the previous part's end; the backup is INCOMPLETE.")]
    private static partial void LogGaveUp(ILogger logger, BackupId backupId, int part, int partCount, TimeSpan timeout);

    // Debug: an engine outage is logged once, where it is found (the engine adapter), not at every retry.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Backup {BackupId}: part {Part}: engine call failed, retrying: {Reason}")]
    private static partial void LogRetrying(ILogger logger, BackupId backupId, int part, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId}: part {Part} could not be read for too long, stopped following it: {Reason}")]
    private static partial void LogFollowFailed(ILogger logger, BackupId backupId, int part, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup {BackupId}: part {Part} ({Snapshot}) no longer exists (deleted?); no further part is taken")]
    private static partial void LogPartVanished(ILogger logger, BackupId backupId, int part, string snapshot);
}
