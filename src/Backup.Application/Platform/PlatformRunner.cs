using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Domain.Platform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>
/// Takes a platform backup step by step in the version's order, waiting on each component's own state, while keeping
/// the lock's lease; and ends it, on every path, with exporting resumed or handed to recovery. The record in the engine
/// is written before each step, so that a replica finding the run abandoned knows how far it got.
/// </summary>
public sealed partial class PlatformRunner(
    IComponentBackups components,
    IPlatformRecords records,
    IOptions<PlatformOptions> options,
    PlatformMetrics metrics,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<PlatformRunner> logger)
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;

    /// <summary>This process, as named in the lock it holds.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private PlatformOptions Settings => options.Value;

    /// <summary>Takes the backup in the background; the caller holds the lock for it.</summary>
    public void Start(PlatformRun run, PlatformLock held)
    {
        lock (_gate)
        {
            _running = Task.Run(() => RunAsync(run, held), CancellationToken.None);
        }
    }

    /// <summary>Completes when the run this process started (if any) has ended.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _running;
        }
    }

    /// <summary>
    /// Ends a run: resumes exporting if the service paused it (repeating a failed resume), records the outcome and
    /// releases the lock. If exporting cannot be resumed, the run stays open and the lock's lease is given up, so
    /// that recovery (on any replica) keeps trying.
    /// </summary>
    public async Task EndAsync(PlatformRun run, PlatformFailure? failure, PlatformOutcome outcome, PlatformLock held, CancellationToken cancellationToken)
    {
        if (run.ExportingPaused)
        {
            var resumed = await ResumeWithRetriesAsync(run.Id, cancellationToken);
            if (!resumed.IsSuccess)
            {
                failure ??= new PlatformFailure(PlatformComponent.Zeebe, "resume-exporting", resumed.Error.Message);
                await records.SaveRunAsync(run with { Failure = failure }, cancellationToken);
                await records.ReplaceLockAsync(held, held.Lease with { Until = time.GetUtcNow() }, cancellationToken);
                LogResumeGivenUp(logger, run.Id, resumed.Error.Message);
                return;
            }

            run = run with { ExportingPaused = false };
        }

        var ended = run with { Outcome = failure is null ? outcome : PlatformOutcome.Failed, Failure = failure, EndedAt = time.GetUtcNow() };
        var saved = await records.SaveRunAsync(ended, cancellationToken);
        if (!saved.IsSuccess)
        {
            LogNotRecorded(logger, run.Id, saved.Error.Message);
            return;
        }

        await records.ReleaseLockAsync(held, cancellationToken);
        metrics.Ended(ended.Outcome!.Value);
        LogEnded(logger, run.Id, ended.Outcome.Value, failure?.ToString() ?? "");
    }

    private async Task RunAsync(PlatformRun run, PlatformLock held)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        using var stopHeartbeat = new CancellationTokenSource();
        var lease = new LeaseKeeper(held);
        var heartbeat = KeepLeaseAsync(lease, lost, stopHeartbeat.Token);
        PlatformFailure? failure = null;
        try
        {
            foreach (var step in PlatformPlan.Steps(run.Line, run.Components))
            {
                run = run with { Step = step.Name, ExportingPaused = run.ExportingPaused || step.Kind == PlatformStepKind.PauseExporting };
                var recorded = await records.SaveRunAsync(run, lost.Token);
                var done = recorded.IsSuccess ? await ExecuteAsync(step, run.Id, lost.Token) : recorded;
                if (!done.IsSuccess)
                {
                    failure = new PlatformFailure(step.Component, step.Name, done.Error.Message);
                    LogStepFailed(logger, run.Id, step.Name, done.Error.Message);
                    break;
                }

                LogStepDone(logger, run.Id, step.Name);
                if (step.Kind == PlatformStepKind.ResumeExporting)
                {
                    run = run with { ExportingPaused = false };
                }
            }
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            if (lease.IsLost)
            {
                // Another replica took the run over and ends it.
                LogLeaseLost(logger, run.Id);
                return;
            }

            // The service is stopping: end the run now if it can be done quickly; recovery does it otherwise.
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await EndAsync(run, null, PlatformOutcome.Abandoned, lease.Current, quick.Token);
            return;
        }

        await stopHeartbeat.CancelAsync();
        await heartbeat;
        await EndAsync(run, failure, PlatformOutcome.Completed, lease.Current, CancellationToken.None);
    }

    private Task<Result> ExecuteAsync(PlatformStep step, BackupId id, CancellationToken cancellationToken) => step.Kind switch
    {
        PlatformStepKind.StartBackup => components.StartBackupAsync(step.Component, id, cancellationToken),
        PlatformStepKind.AwaitBackup => AwaitBackupAsync(step.Component, id, cancellationToken),
        PlatformStepKind.PauseExporting => components.PauseExportingAsync(cancellationToken),
        PlatformStepKind.TakeRecordsSnapshot => records.StartRecordsSnapshotAsync(id, $"{Settings.ZeebeRecordPrefix}*", cancellationToken),
        PlatformStepKind.AwaitRecordsSnapshot => AwaitRecordsSnapshotAsync(id, cancellationToken),
        PlatformStepKind.ResumeExporting => ResumeWithRetriesAsync(id, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>
    /// Polls the component until its backup is COMPLETED. Missing or INCOMPLETE is not final yet (Optimize shows
    /// INCOMPLETE until its second snapshot starts), nor is a failed look; FAILED is, and so is the step's time limit.
    /// </summary>
    private async Task<Result> AwaitBackupAsync(PlatformComponent component, BackupId id, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + Settings.StepTimeout;
        var last = "";
        while (true)
        {
            var backup = await components.GetBackupAsync(component, id, cancellationToken);
            if (backup.IsSuccess && backup.Value.IsCompleted)
            {
                return Result.Success();
            }

            if (backup.IsSuccess && backup.Value.IsFailed)
            {
                return Error.EngineFailure($"{component.Name()}'s backup {id} is {backup.Value.State}: {backup.Value.FailureReason}");
            }

            last = backup.IsSuccess ? $"still {backup.Value.State}" : backup.Error.Message;
            if (time.GetUtcNow() >= deadline)
            {
                return Error.EngineFailure($"{component.Name()}'s backup {id} did not complete within Platform:StepTimeout ({Settings.StepTimeout}); last: {last}");
            }

            await Task.Delay(Settings.PollInterval, time, cancellationToken);
        }
    }

    private async Task<Result> AwaitRecordsSnapshotAsync(BackupId id, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + Settings.StepTimeout;
        while (true)
        {
            var state = await records.GetRecordsSnapshotStateAsync(id, cancellationToken);
            if (state.IsSuccess && state.Value == "SUCCESS")
            {
                return Result.Success();
            }

            if (state.IsSuccess && state.Value is "FAILED" or "PARTIAL" or "INCOMPATIBLE")
            {
                return Error.EngineFailure($"snapshot {PlatformNames.RecordsSnapshot(id)} ended {state.Value}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                return Error.EngineFailure(
                    $"snapshot {PlatformNames.RecordsSnapshot(id)} did not end within Platform:StepTimeout; last: {(state.IsSuccess ? state.Value ?? "missing" : state.Error.Message)}");
            }

            await Task.Delay(Settings.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Resume, repeated with doubling waits (a failed resume may leave some partitions paused).</summary>
    private async Task<Result> ResumeWithRetriesAsync(BackupId id, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            var resumed = await components.ResumeExportingAsync(cancellationToken);
            if (resumed.IsSuccess || attempt >= Math.Max(1, Settings.ResumeAttempts))
            {
                return resumed;
            }

            LogResumeRetried(logger, id, attempt, resumed.Error.Message);
            await Task.Delay(wait, time, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, Settings.LeaseDuration.Ticks / 2));
        }
    }

    /// <summary>Renews the lease every third of its duration; a lease taken over, or run out, cancels the run.</summary>
    private async Task KeepLeaseAsync(LeaseKeeper lease, CancellationTokenSource lost, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Settings.LeaseDuration / 3, time, stop);
                var renewed = await records.ReplaceLockAsync(lease.Current, lease.Current.Lease with { Until = time.GetUtcNow() + Settings.LeaseDuration }, stop);
                if (renewed.IsSuccess && renewed.Value is { } next)
                {
                    lease.Current = next;
                }
                else if ((renewed.IsSuccess && renewed.Value is null) || time.GetUtcNow() >= lease.Current.Lease.Until)
                {
                    lease.IsLost = true;
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    private sealed class LeaseKeeper(PlatformLock held)
    {
        public PlatformLock Current { get; set; } = held;

        public bool IsLost { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform backup {BackupId}: step '{Step}' done")]
    private static partial void LogStepDone(ILogger logger, BackupId backupId, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform backup {BackupId}: step '{Step}' failed: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, BackupId backupId, string step, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform backup {BackupId}: resuming exporting failed (attempt {Attempt}), trying again: {Reason}")]
    private static partial void LogResumeRetried(ILogger logger, BackupId backupId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Platform backup {BackupId}: exporting could NOT be resumed: {Reason}. Recovery keeps trying on every replica; by hand: POST <zeebe>/actuator/exporting/resume")]
    private static partial void LogResumeGivenUp(ILogger logger, BackupId backupId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Platform backup {BackupId}: its end could not be recorded ({Reason}); recovery ends it once the lease runs out")]
    private static partial void LogNotRecorded(ILogger logger, BackupId backupId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform backup {BackupId}: another replica took its lock over (this one could not renew it in time); that replica ends it")]
    private static partial void LogLeaseLost(ILogger logger, BackupId backupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform backup {BackupId} ended {Outcome} {Failure}")]
    private static partial void LogEnded(ILogger logger, BackupId backupId, PlatformOutcome outcome, string failure);
}
