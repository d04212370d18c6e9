namespace Backup.Domain;

/// <summary>A backup state's word on the API (<c>COMPLETED</c>, <c>IN_PROGRESS</c>, ...), both ways.</summary>
public static class BackupStateNames
{
    public static string Name(this BackupState state) => state switch
    {
        BackupState.Completed => "COMPLETED",
        BackupState.InProgress => "IN_PROGRESS",
        BackupState.Failed => "FAILED",
        BackupState.Incompatible => "INCOMPATIBLE",
        BackupState.Incomplete => "INCOMPLETE",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string? name, out BackupState state)
    {
        foreach (var candidate in Enum.GetValues<BackupState>())
        {
            if (candidate.Name() == name)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>Whether the backup will not change any more by itself: everything but IN_PROGRESS.</summary>
    public static bool IsTerminal(this BackupState state) => state != BackupState.InProgress;
}
