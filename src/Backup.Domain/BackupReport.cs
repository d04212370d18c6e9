namespace Backup.Domain;

/// <summary>A backup as its parts' snapshots show it: the state rules live here, and only here.</summary>
public sealed record BackupReport(BackupId Id, BackupState State, string? FailureReason, IReadOnlyList<Snapshot> Parts)
{
    /// <summary>The component whose backup this is, as its snapshots' names say.</summary>
    public Component Component => Parts[0].Name.Component;

    /// <summary>
    /// Derives a backup's state from its snapshots alone, so that every replica of the service gives the same answer.
    /// </summary>
    /// <param name="incompleteCheckTimeout">
    /// How long after its last part ended a backup with missing parts still counts as being taken.
    /// </param>
    public static BackupReport Of(BackupId id, IEnumerable<Snapshot> snapshots, DateTimeOffset now, TimeSpan incompleteCheckTimeout)
    {
        Snapshot[] parts = [.. snapshots];
        if (parts.Length == 0)
        {
            throw new ArgumentException("A backup has at least one snapshot.", nameof(snapshots));
        }

        return Of(id, parts, now, incompleteCheckTimeout);
    }

    /// <summary>
    /// As <see cref="Of(BackupId, IEnumerable{Snapshot}, DateTimeOffset, TimeSpan)"/>, keeping the array as the parts:
    /// one run of a grouping, never empty.
    /// </summary>
    internal static BackupReport Of(BackupId id, Snapshot[] parts, DateTimeOffset now, TimeSpan incompleteCheckTimeout)
    {
        InPartOrder(parts);
        var (state, reason) = Decide(parts, now, incompleteCheckTimeout);
        return new BackupReport(id, state, reason, parts);
    }

    /// <summary>
    /// By part number, and by name for a number found twice. A grouping hands over the parts in the listing's order or
    /// its reverse, which need no sort.
    /// </summary>
    private static void InPartOrder(Snapshot[] parts)
    {
        if (IsStrictlyByPart(parts, step: 1))
        {
            return;
        }

        if (IsStrictlyByPart(parts, step: -1))
        {
            Array.Reverse(parts);
            return;
        }

        Array.Sort(parts, static (a, b) => a.Name.PartNumber != b.Name.PartNumber
            ? a.Name.PartNumber.CompareTo(b.Name.PartNumber)
            : string.CompareOrdinal(a.Name.ToString(), b.Name.ToString()));
    }

    private static bool IsStrictlyByPart(Snapshot[] parts, int step)
    {
        for (var i = 1; i < parts.Length; i++)
        {
            if (Math.Sign(parts[i].Name.PartNumber - parts[i - 1].Name.PartNumber) != step)
            {
                return false;
            }
        }

        return true;
    }

    private static (BackupState State, string? Reason) Decide(Snapshot[] parts, DateTimeOffset now, TimeSpan incompleteCheckTimeout)
    {
        var expected = 0;
        var distinctParts = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            expected = Math.Max(expected, parts[i].Name.PartCount);
            distinctParts += i == 0 || parts[i].Name.PartNumber != parts[i - 1].Name.PartNumber ? 1 : 0;
        }

        if (parts.Length == expected && distinctParts == expected && Array.TrueForAll(parts, p => p.State == SnapshotState.Success))
        {
            return (BackupState.Completed, null);
        }

        if (NamesIn(parts, SnapshotState.Failed) is { } failed)
        {
            return (BackupState.Failed, $"There were failures with the following snapshots: {failed}");
        }

        if (NamesIn(parts, SnapshotState.Partial) is { } partial)
        {
            return (BackupState.Failed, $"Some of the snapshots are partial: {partial}");
        }

        if (NamesIn(parts, SnapshotState.Incompatible) is { } incompatible)
        {
            return (BackupState.Incompatible, $"Some of the snapshots are incompatible with the current engine version: {incompatible}");
        }

        if (Array.Exists(parts, p => p.State == SnapshotState.InProgress))
        {
            return (BackupState.InProgress, null);
        }

        if (NamesIn(parts, SnapshotState.Unknown) is { } unknown)
        {
            return (BackupState.Incomplete, $"The engine did not report the state of the following snapshots: {unknown}");
        }

        if (distinctParts < expected && parts.Length == distinctParts)
        {
            return IsStillBeingTaken(parts, now, incompleteCheckTimeout)
                ? (BackupState.InProgress, null)
                : (BackupState.Incomplete, MissingPartsReason(parts, expected));
        }

        return (BackupState.Failed, "More snapshots found than expected.");
    }

    private static bool IsStillBeingTaken(Snapshot[] parts, DateTimeOffset now, TimeSpan incompleteCheckTimeout)
    {
        var lastActivity = parts.Max(p => p.EndTime ?? p.StartTime);
        return lastActivity is { } last && now - last < incompleteCheckTimeout;
    }

    private static string MissingPartsReason(Snapshot[] parts, int expected)
    {
        var present = parts.Select(p => p.Name.PartNumber).ToHashSet();
        var missing = Enumerable.Range(1, expected).Where(n => !present.Contains(n));
        return $"Backup is incomplete: part(s) {string.Join(", ", missing)} of {expected} were never taken. "
            + "Create a new backup; this one cannot be restored.";
    }

    private static string? NamesIn(Snapshot[] parts, SnapshotState state)
    {
        var names = parts.Where(p => p.State == state).Select(p => p.Name.ToString()).ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }
}
