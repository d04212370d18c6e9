using Backup.Application.Abstractions;
using Backup.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Observing;

/// <summary>
/// Keeps <see cref="BackupMetrics.LastCompletedAt"/> true to the engine's snapshots, so that it is right after a restart
/// and when another replica took the backup. The engine is read once a minute, never per scrape.
/// </summary>
public sealed partial class LastCompletedBackupWatch(
    ISnapshotRepository repository,
    BackupMetrics metrics,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<LastCompletedBackupWatch> logger) : BackgroundService
{
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RepositoryNotConfigured is not null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            await Task.Delay(RefreshInterval, time, stoppingToken);
        }
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var snapshots = await repository.GetSnapshotsAsync(SnapshotName.PatternFor(settings.Component), verbose: true, cancellationToken);
        if (!snapshots.IsSuccess)
        {
            // The last known value stays: an unreachable engine shows in the engine error series, not as a lost backup.
            LogRefreshFailed(logger, snapshots.Error.Message);
            return;
        }

        var newest = BackupCatalog.Group(snapshots.Value, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
            .Where(b => b.State == BackupState.Completed)
            .Select(b => b.Parts.Max(p => p.EndTime))
            .Max();
        metrics.LastCompletedSeen(newest);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the newest completed backup for the metrics: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
