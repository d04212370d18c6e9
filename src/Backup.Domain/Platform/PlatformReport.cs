namespace Backup.Domain.Platform;

public enum PlatformState
{
    Completed,
    InProgress,
    Failed,
    Incomplete,
}

/// <summary>
/// A platform backup's state, computed from its record and from what every component and the engine say now, so that
/// every replica, and a restarted service, answer alike.
/// </summary>
public sealed record PlatformReport(
    PlatformRun Run, PlatformState State, string? FailureReason, IReadOnlyList<ComponentBackup> Components, string? RecordsSnapshotState)
{
    /// <summary>The platform backup as retention weighs it: whole, by its state and the start its record holds.</summary>
    public RetentionCandidate ForRetention => new(Run.Id, State switch
    {
        PlatformState.Completed => BackupState.Completed,
        PlatformState.InProgress => BackupState.InProgress,
        PlatformState.Failed => BackupState.Failed,
        _ => BackupState.Incomplete,
    }, Run.StartedAt);

    /// <param name="recordsSnapshotState">The engine's state of the records snapshot (SUCCESS, IN_PROGRESS, ...); null when missing.</param>
    public static PlatformReport Compute(PlatformRun run, IReadOnlyList<ComponentBackup> components, string? recordsSnapshotState)
    {
        if (!run.IsEnded)
        {
            return new(run, PlatformState.InProgress, null, components, recordsSnapshotState);
        }

        var failed = components.Where(c => c.IsFailed).Select(c => $"{c.Component.Name()}: {c.FailureReason ?? c.State}").ToList();
        if (recordsSnapshotState is "FAILED" or "PARTIAL" or "INCOMPATIBLE")
        {
            failed.Add($"records snapshot {PlatformNames.RecordsSnapshot(run.Id)}: {recordsSnapshotState}");
        }

        if (run.Failure is not null || failed.Count > 0)
        {
            var reasons = run.Failure is null ? failed : [run.Failure.ToString(), .. failed];
            return new(run, PlatformState.Failed, string.Join("; ", reasons.Distinct()), components, recordsSnapshotState);
        }

        if (components.All(c => c.IsCompleted) && recordsSnapshotState == "SUCCESS" && !run.ExportingPaused)
        {
            return new(run, PlatformState.Completed, null, components, recordsSnapshotState);
        }

        var missing = components.Where(c => !c.IsCompleted).Select(c => $"{c.Component.Name()}: {c.State}")
            .Concat(recordsSnapshotState == "SUCCESS" ? [] : [$"records snapshot: {recordsSnapshotState ?? ComponentBackup.DoesNotExist}"]);
        var why = run.Outcome == PlatformOutcome.Abandoned
            ? $"The run was cut short at step '{run.Step}' (the service running it stopped); take a new platform backup with a larger id. "
            : "";
        return new(run, PlatformState.Incomplete, $"{why}Not complete: {string.Join(", ", missing)}.", components, recordsSnapshotState);
    }
}
