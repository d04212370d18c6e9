using Backup.Domain;

namespace Backup.Application.Abstractions;

/// <summary>One part's snapshot to take; adapters also write the name's fields into the snapshot's metadata.</summary>
public sealed record SnapshotRequest(SnapshotName Name, IReadOnlyList<string> Indices, bool IncludeGlobalState);

/// <summary>What the engine said to a snapshot creation.</summary>
public enum SnapshotCreation
{
    /// <summary>The engine started taking the snapshot.</summary>
    Accepted,

    /// <summary>A snapshot of that name exists or is being taken (by another replica, or before a restart).</summary>
    NameInUse,
}

/// <summary>How far the engine is with a snapshot.</summary>
/// <param name="IsRunning">False once the engine stopped working on it, whatever the outcome.</param>
/// <param name="Done">The share of the snapshot's data written so far, from 0 to 1; null when the engine does not say.</param>
public sealed record SnapshotProgress(bool IsRunning, double? Done);
