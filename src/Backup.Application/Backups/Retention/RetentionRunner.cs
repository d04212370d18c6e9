using Backup.Application.Backups.DeleteBackup;
using Backup.Application.Backups.Scheduling;
using Backup.Application.Platform;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Retention;

/// <summary>
/// Applies <c>Backup:Retention</c> every <see cref="RetentionOptions.Interval"/>, the first time one interval after
/// start-up (so that a rolling restart of replicas is not a burst of deletions, and the dry run can be read before):
/// deletes the expired backups whole, oldest first, each through the same <see cref="DeleteBackupCommand"/> the API
/// sends, or, once platform backups are configured, whole platform backups through <see cref="DeletePlatformBackupCommand"/>. The plan is made again before every deletion, so that a backup started meanwhile stops the run.
/// </summary>
public sealed partial class RetentionRunner(
    IServiceScopeFactory scopes,
    ScheduleRecord record,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<RetentionRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Retention.Policy.IsEnabled || settings.RepositoryNotConfigured is not null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(settings.Retention.Interval, time, stoppingToken);
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A bug in one run must not stop the service (a background exception would): logged in full, tried again.
                LogCrashed(logger, exception);
            }
        }
    }

    /// <summary>One retention run; what it did is logged and recorded, and nothing it meets ends the runner.</summary>
    internal async Task<RetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var deleted = new List<BackupId>();
        var tried = new HashSet<BackupId>();
        (BackupId Id, string Reason)? failed = null;
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        // With the platform configured, whole platform backups only: deleting a component's backup would break one apart.
        var platform = scope.ServiceProvider.GetService<IOptions<PlatformOptions>>()?.Value;
        var planning = RetentionScope.PlanFor(platform);
        while (true)
        {
            var forecast = await sender.Send(planning, cancellationToken);
            if (!forecast.IsSuccess)
            {
                LogCannotPlan(logger, forecast.Error.Message);
                return Record(new RetentionRun(started, deleted, null, forecast.Error.Message));
            }

            var plan = forecast.Value.Plan;
            if (tried.Count == 0)
            {
                LogPlan(logger, plan);
            }

            if (failed is { } failure)
            {
                if (plan.Deletions.Any(d => d.Backup.Id == failure.Id))
                {
                    // Still there: the engine refused. The next run tries again; the rest now would only meet the same engine.
                    LogCannotDelete(logger, failure.Id, failure.Reason);
                    return Record(new RetentionRun(started, deleted, null, failure.Reason));
                }

                // Gone all the same: a replica's retention run deleted it at the same moment.
                LogDeletedElsewhere(logger, failure.Id, failure.Reason);
                failed = null;
            }

            if (plan.BlockedBy is { } running)
            {
                return Record(new RetentionRun(started, deleted, running, null));
            }

            if (plan.Deletions.FirstOrDefault(d => !tried.Contains(d.Backup.Id)) is not { } expiry)
            {
                return Record(new RetentionRun(started, deleted, null, null));
            }

            tried.Add(expiry.Backup.Id);
            var result = platform?.IsEnabled == true
                ? await sender.Send(new DeletePlatformBackupCommand(expiry.Backup.Id), cancellationToken)
                : await sender.Send(new DeleteBackupCommand(expiry.Backup.Id), cancellationToken);
            if (result.IsSuccess)
            {
                deleted.Add(expiry.Backup.Id);
                LogDeleted(logger, expiry.Backup.Id, expiry.Reason);
            }
            else if (result.Error.Kind != ErrorKind.NotFound)
            {
                failed = (expiry.Backup.Id, result.Error.Message);
            }
        }
    }

    private RetentionRun Record(RetentionRun run)
    {
        record.LastRetention = run;
        return run;
    }

    private static void LogPlan(ILogger logger, RetentionPlan plan)
    {
        if (plan.BlockedBy is { } running)
        {
            LogBlocked(logger, running);
        }
        else if (plan.Deletions.Count == 0)
        {
            LogNothingExpired(logger);
        }
        else
        {
            LogExpired(logger, plan.Deletions.Count, string.Join("; ", plan.Deletions.Select(d => $"{d.Backup.Id} ({d.Reason})")));
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Retention: the run crashed; the next run is one interval away")]
    private static partial void LogCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: backup {BackupId} is IN_PROGRESS, nothing is deleted until it has finished")]
    private static partial void LogBlocked(ILogger logger, BackupId backupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: no backup has expired")]
    private static partial void LogNothingExpired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Count} backup(s) expired, deleting them oldest first: {Backups}")]
    private static partial void LogExpired(ILogger logger, int count, string backups);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: backup {BackupId} deleted: {Reason}")]
    private static partial void LogDeleted(ILogger logger, BackupId backupId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: could not list the backups, trying again at the next run: {Reason}")]
    private static partial void LogCannotPlan(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: backup {BackupId} was deleted by another replica at the same time ({Reason})")]
    private static partial void LogDeletedElsewhere(ILogger logger, BackupId backupId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: backup {BackupId} could not be deleted, trying again at the next run: {Reason}")]
    private static partial void LogCannotDelete(ILogger logger, BackupId backupId, string reason);
}
