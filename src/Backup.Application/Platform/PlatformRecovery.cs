using Backup.Application.Abstractions;
using Backup.Domain.Platform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>
/// On every replica, at start and then every half lease: a platform backup whose lock's lease ran out was abandoned
/// (its replica was killed, or could not reach the engine); this replica takes the lock over (only one can: the
/// update is conditional), resumes exporting if the run had paused it, and ends the run. Exporting is therefore
/// resumed at most a lease and a half after the replica running the backup went away, once any replica is up.
/// </summary>
public sealed partial class PlatformRecovery(
    IPlatformRecords records,
    PlatformRunner runner,
    IOptions<PlatformOptions> options,
    TimeProvider time,
    ILogger<PlatformRecovery> logger) : BackgroundService
{
    /// <summary>
    /// A run this replica is taking has been cancelled by the stopping signal and ends now (exporting resumed, outcome
    /// recorded); the process waits for it, within the host's shutdown timeout, rather than cut it off halfway.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await runner.WhenIdleAsync().WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsEnabled)
        {
            return;
        }

        try
        {
            while (true)
            {
                await RecoverOnceAsync(stoppingToken);
                await Task.Delay(options.Value.LeaseDuration / 2, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Ends the abandoned run, if there is one; true when one was ended (or handed on) here.</summary>
    public async Task<bool> RecoverOnceAsync(CancellationToken cancellationToken)
    {
        var found = await records.GetLockAsync(cancellationToken);
        if (!found.IsSuccess || found.Value is not { } held || held.Lease.Until > time.GetUtcNow())
        {
            return false;
        }

        var taken = await records.ReplaceLockAsync(
            held, new PlatformLease(held.Lease.BackupId, runner.Owner, time.GetUtcNow() + options.Value.LeaseDuration), cancellationToken);
        if (!taken.IsSuccess || taken.Value is not { } mine)
        {
            return false;
        }

        var run = await records.GetRunAsync(held.Lease.BackupId, cancellationToken);
        if (!run.IsSuccess)
        {
            return false;
        }

        if (run.Value is not { IsEnded: false } abandoned)
        {
            // Killed between taking the lock and recording the run, or after recording its end.
            await records.ReleaseLockAsync(mine, cancellationToken);
            return true;
        }

        LogAbandoned(logger, abandoned.Id.Value, abandoned.Step ?? "(none)", held.Lease.Owner, abandoned.ExportingPaused);
        await runner.EndAsync(abandoned, abandoned.Failure, PlatformOutcome.Abandoned, mine, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Platform backup {BackupId} was abandoned at step '{Step}' by {Owner} (its lease ran out); ending it here. Exporting paused by it: {Paused}")]
    private static partial void LogAbandoned(ILogger logger, long backupId, string step, string owner, bool paused);
}
