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
    public SnapshotState State => SnapshotStates.Parse(EngineState);
}
