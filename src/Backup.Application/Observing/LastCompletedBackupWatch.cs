using Backup.Application.Abstractions;
using Backup.Application.Backups;
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

    /// <summary>
    /// Finds the newest (highest id) completed backup from a names-only listing, cheap on large repositories, then
    /// reads only that backup's parts for their end times.
    /// </summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var listed = await repository.GetSnapshotsAsync(SnapshotSelection.AllOf(settings.Component), verbose: false, cancellationToken);
        if (!listed.IsSuccess)
        {
            // The last known value stays: an unreachable engine shows in the engine error series, not as a lost backup.
            LogRefreshFailed(logger, listed.Error.Message);
            return;
        }

        var newest = BackupCatalog.Group(listed.Value, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
            .FirstOrDefault(b => b.State == BackupState.Completed);
        if (newest is null)
        {
            metrics.LastCompletedSeen(null);
            return;
        }

        var parts = await repository.GetPartsAsync(settings.Component, newest.Id, verbose: true, cancellationToken);
        if (!parts.IsSuccess)
        {
            LogRefreshFailed(logger, parts.Error.Message);
            return;
        }

        metrics.LastCompletedSeen(parts.Value.Max(p => p.EndTime));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the newest completed backup for the metrics: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
