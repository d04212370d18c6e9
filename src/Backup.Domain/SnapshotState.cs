namespace Backup.Domain;

/// <summary>The engine's state of one snapshot.</summary>
public enum SnapshotState
{
    /// <summary>No state known (a names-only listing, or a state this service has never heard of).</summary>
    Unknown,
    InProgress,
    Success,
    Failed,
    Partial,
    Incompatible,
}

public static class SnapshotStates
{
    /// <summary>Reads the engine's word; OpenSearch's status API says STARTED where the get API says IN_PROGRESS.</summary>
    public static SnapshotState Parse(string? engineState) => engineState switch
    {
        "SUCCESS" => SnapshotState.Success,
        "IN_PROGRESS" or "STARTED" => SnapshotState.InProgress,
        "FAILED" => SnapshotState.Failed,
        "PARTIAL" => SnapshotState.Partial,
        "INCOMPATIBLE" => SnapshotState.Incompatible,
        _ => SnapshotState.Unknown,
    };

    public static bool IsTerminal(this SnapshotState state) => state is not (SnapshotState.InProgress or SnapshotState.Unknown);
}
