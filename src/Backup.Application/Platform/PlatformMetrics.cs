using System.Diagnostics.Metrics;
using Backup.Application.Observing;
using Backup.Domain.Platform;

namespace Backup.Application.Platform;

/// <summary>The platform backup's signals, on the service's meter: how runs end, and a pause this service did not make.</summary>
public sealed class PlatformMetrics
{
    private readonly Counter<long> _ended;
    private volatile int _pausedElsewhere;

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(BackupMetrics.MeterName);
        _ended = meter.CreateCounter<long>("backup.platform.backups", description: "Platform backups this process ended, by outcome.");
        meter.CreateObservableGauge(
            "backup.platform.exporting.paused_elsewhere",
            () => _pausedElsewhere,
            description: "1 while Zeebe's exporting is paused on some partition and no platform backup of this service paused it.");
    }

    public void Ended(PlatformOutcome outcome) =>
        _ended.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));

    public void PausedElsewhere(bool paused) => _pausedElsewhere = paused ? 1 : 0;
}
