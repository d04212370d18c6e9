using System.Diagnostics.Metrics;
using Backup.Domain;
using Microsoft.Extensions.Options;

namespace Backup.Application.Observing;

/// <summary>
/// The signals an operator alerts on: how backups and their parts end, how long parts take, when the last backup
/// completed, and how the engine answers. Only instruments live here; the outermost project decides how they are
/// exported (Prometheus text at <c>/actuator/prometheus</c>). Labels stay few and bounded: never a backup id.
/// </summary>
public sealed class BackupMetrics
{
    public const string MeterName = "Backup";

    // Engine calls take milliseconds when healthy and up to Database:RequestTimeout (seconds) when not.
    private static readonly double[] EngineCallBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    // A part takes seconds on a small installation and hours on a large one.
    private static readonly double[] PartBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400];

    private readonly Counter<long> _backups;
    private readonly Histogram<double> _partDuration;
    private readonly Histogram<double> _engineCallDuration;
    private readonly Counter<long> _engineErrors;
    private readonly Counter<long> _listings;
    private readonly KeyValuePair<string, object?> _component;
    private readonly TimeProvider _time;
    private long _lastCompletedMilliseconds = long.MinValue;

    public BackupMetrics(IMeterFactory meters, IOptions<BackupOptions> options, TimeProvider time)
    {
        _time = time;
        _component = new("component", options.Value.Component.Name());
        var meter = meters.Create(MeterName);
        _backups = meter.CreateCounter<long>(
            "backup.backups", description: "Backups this process finished taking, by how they ended.");
        _partDuration = meter.CreateHistogram(
            "backup.part.duration", "s", "How long the engine took to snapshot one part, from its start to its end.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PartBuckets });
        _engineCallDuration = meter.CreateHistogram(
            "backup.engine.request.duration", "s", "How long one engine call took, retries included, by operation and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EngineCallBuckets });
        _engineErrors = meter.CreateCounter<long>(
            "backup.engine.errors", description: "Engine calls that did not succeed: unreachable, or answered with an error status.");
        _listings = meter.CreateCounter<long>(
            "backup.listings", description: "Backup listings, by whether they read the engine or shared a read another listing had started.");
        // Every outcome's series exists from the start, so that increase() sees the first failed backup.
        foreach (var outcome in Enum.GetValues<BackupOutcome>())
        {
            _backups.Add(0, _component, new("outcome", Label(outcome)));
        }

        meter.CreateObservableGauge(
            "backup.last_completed.timestamp", () => LastCompleted(at => at.ToUnixTimeMilliseconds() / 1000d), "s",
            "When the newest COMPLETED backup in the repository ended (Unix time), whichever replica took it.");
        meter.CreateObservableGauge(
            "backup.time_since_last_completed", () => LastCompleted(at => (_time.GetUtcNow() - at).TotalSeconds), "s",
            "How long ago the newest COMPLETED backup in the repository ended.");
    }

    /// <summary>The end of the newest completed backup, as last seen in the engine or taken by this process.</summary>
    public DateTimeOffset? LastCompletedAt
    {
        get
        {
            var milliseconds = Interlocked.Read(ref _lastCompletedMilliseconds);
            return milliseconds == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
    }

    /// <summary>This process stopped taking a backup: all its parts succeeded, one did not, or it gave up.</summary>
    public void BackupEnded(BackupOutcome outcome, DateTimeOffset? completedAt = null)
    {
        _backups.Add(1, _component, new("outcome", Label(outcome)));
        if (outcome == BackupOutcome.Completed && completedAt is { } at)
        {
            LastCompletedSeen(at, onlyIfNewer: true);
        }
    }

    /// <summary>A part ended in the engine; its duration is the engine's own, so a part followed after a restart counts right.</summary>
    public void PartEnded(Snapshot part)
    {
        if (part is { StartTime: { } start, EndTime: { } end } && end >= start)
        {
            _partDuration.Record(
                (end - start).TotalSeconds,
                _component,
                new("part", part.Name.PartNumber),
                new("outcome", part.State.ToString().ToLowerInvariant()));
        }
    }

    public void EngineCallEnded(string operation, EngineCallOutcome outcome, TimeSpan duration)
    {
        var operationTag = new KeyValuePair<string, object?>("operation", operation);
        var outcomeLabel = Label(outcome);
        _engineCallDuration.Record(duration.TotalSeconds, operationTag, new("outcome", outcomeLabel));
        if (outcome is not (EngineCallOutcome.Success or EngineCallOutcome.Cancelled))
        {
            _engineErrors.Add(1, operationTag, new("kind", outcomeLabel));
        }
    }

    public void ListingRead(bool shared) => _listings.Add(1, new KeyValuePair<string, object?>("read", shared ? "shared" : "engine"));

    /// <summary>
    /// What the engine says is the newest completed backup; it may go back in time when that backup was deleted.
    /// </summary>
    public void LastCompletedSeen(DateTimeOffset? at) => LastCompletedSeen(at, onlyIfNewer: false);

    private void LastCompletedSeen(DateTimeOffset? at, bool onlyIfNewer)
    {
        var milliseconds = at?.ToUnixTimeMilliseconds() ?? long.MinValue;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _lastCompletedMilliseconds);
            if (onlyIfNewer && seen >= milliseconds)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _lastCompletedMilliseconds, milliseconds, seen) != seen);
    }

    // No measurement until a completed backup is known: the series is absent rather than a misleading zero.
    private IEnumerable<Measurement<double>> LastCompleted(Func<DateTimeOffset, double> value) =>
        LastCompletedAt is { } at ? [new Measurement<double>(value(at), _component)] : [];

    private static string Label(BackupOutcome outcome) => outcome switch
    {
        BackupOutcome.Completed => "completed",
        BackupOutcome.Failed => "failed",
        BackupOutcome.Incomplete => "incomplete",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static string Label(EngineCallOutcome outcome) => outcome switch
    {
        EngineCallOutcome.Success => "success",
        EngineCallOutcome.NotFound => "not_found",
        EngineCallOutcome.ErrorStatus => "error_status",
        EngineCallOutcome.Unreachable => "unreachable",
        EngineCallOutcome.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}

/// <summary>How this process's taking of a backup ended.</summary>
public enum BackupOutcome
{
    /// <summary>Every part succeeded.</summary>
    Completed,

    /// <summary>A part ended FAILED, PARTIAL or INCOMPATIBLE; no further part was taken.</summary>
    Failed,

    /// <summary>A part could not be created or followed, or vanished: the backup will read INCOMPLETE.</summary>
    Incomplete,
}

/// <summary>How one engine call ended.</summary>
public enum EngineCallOutcome
{
    Success,

    /// <summary>404: a snapshot or the repository does not exist (an answer, often an expected one).</summary>
    NotFound,

    /// <summary>Any other non-2xx answer.</summary>
    ErrorStatus,

    /// <summary>Refused, reset, or no answer within Database:RequestTimeout.</summary>
    Unreachable,

    /// <summary>The caller stopped waiting (the service stopping, a request deadline); not the engine's fault.</summary>
    Cancelled,
}
