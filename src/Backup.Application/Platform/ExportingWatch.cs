using Backup.Application.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>
/// Looks at Zeebe's partitions every lease: exporting paused on some partition while no platform backup of this service
/// has it paused is somebody else's pause (an operator, a script, a crashed tool). It is reported — health DOWN with
/// the reason, and a metric — and never resumed here: whoever paused it may still need it paused.
/// </summary>
public sealed partial class ExportingWatch(
    IComponentBackups components,
    IPlatformRecords records,
    PlatformMetrics metrics,
    IOptions<PlatformOptions> options,
    TimeProvider time,
    ILogger<ExportingWatch> logger) : BackgroundService, IHealthCheck
{
    private volatile string? _pausedElsewhere;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var data = new Dictionary<string, object> { ["enabled"] = settings.IsEnabled };
        if (settings.IsEnabled)
        {
            data["version"] = settings.Version!;
            data["components"] = settings.Deployed.Select(c => c.ToString().ToLowerInvariant()).ToArray();
        }

        return Task.FromResult(_pausedElsewhere is { } reason
            ? HealthCheckResult.Unhealthy(reason, data: data)
            : HealthCheckResult.Healthy(data: data));
    }

    /// <summary>Reads the partitions and the records once; the reason when exporting is paused by someone else, else null.</summary>
    public async Task<string?> LookOnceAsync(CancellationToken cancellationToken)
    {
        var phases = await components.GetExporterPhasesAsync(cancellationToken);
        if (!phases.IsSuccess)
        {
            return _pausedElsewhere;
        }

        var paused = phases.Value.Where(p => p.Value != "EXPORTING").OrderBy(p => p.Key).ToList();
        string? reason = null;
        if (paused.Count > 0 && !await PausedByThisServiceAsync(cancellationToken))
        {
            reason = $"Zeebe exporting is paused on partition(s) {string.Join(", ", paused.Select(p => $"{p.Key} ({p.Value})"))}, and no platform "
                + "backup of this service paused it. A pause left in place blocks log compaction until brokers run out of disk: find who paused "
                + "it, then POST <zeebe>/actuator/exporting/resume. This service does not resume a pause it did not make.";
        }

        if (reason != _pausedElsewhere)
        {
            LogChanged(logger, reason ?? "exporting is no longer paused by anyone else");
        }

        _pausedElsewhere = reason;
        metrics.PausedElsewhere(reason is not null);
        return reason;
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
                await LookOnceAsync(stoppingToken);
                await Task.Delay(options.Value.LeaseDuration, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<bool> PausedByThisServiceAsync(CancellationToken cancellationToken)
    {
        var held = await records.GetLockAsync(cancellationToken);
        if (!held.IsSuccess)
        {
            return true;
        }

        if (held.Value is not { } current)
        {
            return false;
        }

        var run = await records.GetRunAsync(current.Lease.BackupId, cancellationToken);
        return !run.IsSuccess || run.Value is { ExportingPaused: true };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exporting watch: {Reason}")]
    private static partial void LogChanged(ILogger logger, string reason);
}
