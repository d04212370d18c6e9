using Backup.Domain;

namespace Backup.Application.Backups.Scheduling;

/// <summary>How a scheduled tick ended in this process.</summary>
public enum ScheduledRunOutcome
{
    /// <summary>This process started the tick's backup.</summary>
    Started,

    /// <summary>
    /// The create path refused it as a duplicate or because a backup is running: another replica took this tick, or
    /// the previous backup is still being taken.
    /// </summary>
    Skipped,

    /// <summary>The backup could not be started (engine unreachable, repository missing, ...).</summary>
    Failed,
}

/// <summary>One scheduled tick, as this process saw it.</summary>
public sealed record ScheduledRun(DateTimeOffset Tick, long BackupId, ScheduledRunOutcome Outcome, string? Reason);

/// <summary>One retention run: what it deleted, and why it stopped early, if it did.</summary>
public sealed record RetentionRun(DateTimeOffset At, IReadOnlyList<BackupId> Deleted, BackupId? BlockedBy, string? Problem);

/// <summary>What the schedule and retention did last in this process, for the health endpoint; nothing is persisted.</summary>
public sealed class ScheduleRecord
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _nextTick;
    private ScheduledRun? _lastRun;
    private RetentionRun? _lastRetention;

    public DateTimeOffset? NextTick
    {
        get { lock (_gate) { return _nextTick; } }
        set { lock (_gate) { _nextTick = value; } }
    }

    public ScheduledRun? LastRun
    {
        get { lock (_gate) { return _lastRun; } }
        set { lock (_gate) { _lastRun = value; } }
    }

    public RetentionRun? LastRetention
    {
        get { lock (_gate) { return _lastRetention; } }
        set { lock (_gate) { _lastRetention = value; } }
    }
}
