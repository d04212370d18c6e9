using Backup.Application.Backups.CreateBackup;
using Backup.Application.Platform;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Scheduling;

/// <summary>
/// Starts a backup at every tick of <c>Backup:Schedule</c>, with the tick's unix seconds as its id, through the same
/// <see cref="CreateBackupCommand"/> the API sends. Every replica computes the same id for a tick, so the create path's
/// own refusals (the id exists, a backup is running) make exactly one of them take it. Ticks missed while the service
/// was down are not caught up: the next tick after start-up is the first.
/// </summary>
public sealed partial class BackupScheduler(
    IServiceScopeFactory scopes,
    ScheduleRecord record,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<BackupScheduler> logger) : BackgroundService
{
    /// <summary>Timers are not set further ahead than this; a long wait is cut into pieces.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Schedule;
        if (!settings.IsEnabled)
        {
            return;
        }

        var schedule = BackupSchedule.From(settings).Value;
        var next = schedule.NextAfter(time.GetUtcNow());
        LogScheduled(logger, schedule.Text, schedule.TimeZone.Id, next);
        while (true)
        {
            record.NextTick = next;
            if (next is not { } tick)
            {
                return;
            }

            await WaitUntilAsync(tick, stoppingToken);
            await TakeAsync(tick, stoppingToken);

            // A tick that passed while this one was being taken is not taken late.
            var now = time.GetUtcNow();
            next = schedule.NextAfter(now > tick ? now : tick);
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset tick, CancellationToken cancellationToken)
    {
        for (var left = tick - time.GetUtcNow(); left > TimeSpan.Zero; left = tick - time.GetUtcNow())
        {
            await Task.Delay(left < LongestWait ? left : LongestWait, time, cancellationToken);
        }
    }

    /// <summary>Starts the tick's backup; whatever happens, the schedule goes on.</summary>
    internal async Task<ScheduledRun> TakeAsync(DateTimeOffset tick, CancellationToken cancellationToken)
    {
        var id = BackupSchedule.BackupIdOf(tick);
        ScheduledRun run;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            // With platform backups configured, a tick takes a platform backup (which covers this component) instead.
            var created = scope.ServiceProvider.GetService<IOptions<PlatformOptions>>()?.Value.IsEnabled == true
                ? await StartPlatformBackupAsync(sender, id, cancellationToken)
                : await sender.Send(new CreateBackupCommand(BackupId.Create(id).Value), cancellationToken) is { IsSuccess: false } refused ? refused.Error : Result.Success();
            run = created switch
            {
                { IsSuccess: true } => new ScheduledRun(tick, id, ScheduledRunOutcome.Started, null),
                { Error.Kind: ErrorKind.Invalid } => new ScheduledRun(tick, id, ScheduledRunOutcome.Skipped, created.Error.Message),
                _ => new ScheduledRun(tick, id, ScheduledRunOutcome.Failed, created.Error!.Message),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug in one tick must not end the schedule: it is logged in full and the next tick is waited for.
            LogCrashed(logger, id, exception);
            run = new ScheduledRun(tick, id, ScheduledRunOutcome.Failed, $"Unexpected error ({exception.GetType().Name}): see the service log.");
        }

        switch (run.Outcome)
        {
            case ScheduledRunOutcome.Started:
                LogStarted(logger, id, tick);
                break;
            case ScheduledRunOutcome.Skipped:
                LogSkipped(logger, id, tick, run.Reason);
                break;
            default:
                LogFailed(logger, id, tick, run.Reason);
                break;
        }

        record.LastRun = run;
        return run;
    }

    private static async Task<Result> StartPlatformBackupAsync(ISender sender, long id, CancellationToken cancellationToken) =>
        await sender.Send(new CreatePlatformBackupCommand(BackupId.Create(id).Value), cancellationToken) is { IsSuccess: false } refused
            ? refused.Error
            : Result.Success();

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup schedule '{Cron}' in {TimeZone}: first tick at {Next:O}")]
    private static partial void LogScheduled(ILogger logger, string cron, string timeZone, DateTimeOffset? next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup {BackupId} (tick {Tick:O}) started")]
    private static partial void LogStarted(ILogger logger, long backupId, DateTimeOffset tick);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup {BackupId} (tick {Tick:O}) not started here: another replica took this tick, or a backup is still running ({Reason})")]
    private static partial void LogSkipped(ILogger logger, long backupId, DateTimeOffset tick, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup {BackupId} (tick {Tick:O}) could not be started: {Reason}. The schedule goes on with the next tick.")]
    private static partial void LogFailed(ILogger logger, long backupId, DateTimeOffset tick, string? reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Scheduled backup {BackupId}: starting it crashed")]
    private static partial void LogCrashed(ILogger logger, long backupId, Exception exception);
}
