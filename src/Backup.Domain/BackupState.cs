namespace Backup.Domain;

/// <summary>The state of a whole backup, derived from its parts' snapshots.</summary>
public enum BackupState
{
    /// <summary>Every part succeeded: the backup can be restored.</summary>
    Completed,

    /// <summary>Parts are still being taken.</summary>
    InProgress,

    /// <summary>A part failed or is partial, or there are more parts than the backup should have.</summary>
    Failed,

    /// <summary>A part is incompatible with the engine's current version.</summary>
    Incompatible,

    /// <summary>Parts are missing and nobody is taking them any more (e.g. the backup was interrupted).</summary>
    Incomplete,
}
