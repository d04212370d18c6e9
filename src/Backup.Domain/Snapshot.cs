namespace Backup.Domain;

/// <summary>One part's snapshot as the engine reports it.</summary>
/// <param name="EngineState">The engine's own word for the state, echoed to users as is.</param>
/// <param name="Failures">Shard failure reasons; null when the engine was asked for names only.</param>
public sealed record Snapshot(
    SnapshotName Name,
    string? EngineState,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    IReadOnlyList<string>? Failures)
{
    private const long NoTime = long.MinValue;

    // The instants are kept as UTC ticks: a listing of 10,000 backups holds 60,000 snapshots, and two nullable offsets
    // were 48 of each one's 112 bytes. Every time the service shows is in UTC, and equality was already by instant.
    private readonly long _startTicks = TicksOf(StartTime);
    private readonly long _endTicks = TicksOf(EndTime);

    public DateTimeOffset? StartTime
    {
        get => TimeOf(_startTicks);
        init => _startTicks = TicksOf(value);
    }

    public DateTimeOffset? EndTime
    {
        get => TimeOf(_endTicks);
        init => _endTicks = TicksOf(value);
    }

    public SnapshotState State => SnapshotStates.Parse(EngineState);

    /// <summary>Whether both started at the same instant, or neither has a start.</summary>
    public bool StartedWith(Snapshot other) => _startTicks == other._startTicks;

    /// <summary>The start in UTC ticks; <see cref="long.MinValue"/>, below every instant, when there is none.</summary>
    internal long StartUtcTicks => _startTicks;

    private static long TicksOf(DateTimeOffset? time) => time?.UtcTicks ?? NoTime;

    private static DateTimeOffset? TimeOf(long ticks) => ticks == NoTime ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
