namespace Backup.Domain.Platform;

/// <summary>How a platform backup's run ended, as recorded by the replica that ended it.</summary>
public enum PlatformOutcome
{
    /// <summary>Every step was done.</summary>
    Completed,

    /// <summary>A step failed; the run's <see cref="PlatformFailure"/> says which and why.</summary>
    Failed,

    /// <summary>The service running it stopped (or lost its lease) mid-way; another replica ended it.</summary>
    Abandoned,
}

/// <summary>The step that failed a platform backup, and why.</summary>
public sealed record PlatformFailure(PlatformComponent Component, string Step, string Reason)
{
    public override string ToString() => $"{Component.Name()} failed at step '{Step}': {Reason}";
}

/// <summary>
/// The durable record of one platform backup, kept in the engine so that any replica can read it, finish what a
/// stopped one left (above all: resume exporting) and compute the same state.
/// </summary>
/// <param name="Step">The step under way, or the last one reached.</param>
/// <param name="ExportingPaused">
/// True from just before this service asks Zeebe to pause exporting until Zeebe confirmed the resume: while true, a
/// replica that finds the run abandoned resumes exporting.
/// </param>
public sealed record PlatformRun(
    BackupId Id,
    PlatformLine Line,
    IReadOnlyList<PlatformComponent> Components,
    DateTimeOffset StartedAt,
    string? Step,
    bool ExportingPaused,
    PlatformOutcome? Outcome,
    PlatformFailure? Failure,
    DateTimeOffset? EndedAt)
{
    public bool IsEnded => Outcome is not null;
}

/// <summary>One component's own answer about its backup of the platform backup's id.</summary>
/// <param name="State">The component's own state word (COMPLETED, IN_PROGRESS, FAILED, INCOMPLETE, ...); DOES_NOT_EXIST when it has none.</param>
public sealed record ComponentBackup(PlatformComponent Component, string State, string? FailureReason, IReadOnlyList<ComponentPart> Parts)
{
    public const string DoesNotExist = "DOES_NOT_EXIST";

    public bool IsCompleted => State == "COMPLETED";

    public bool IsFailed => State is "FAILED" or "INCOMPATIBLE";

    public static ComponentBackup Missing(PlatformComponent component) => new(component, DoesNotExist, null, []);
}

/// <summary>A part of a component's backup: a snapshot, or a Zeebe partition.</summary>
public sealed record ComponentPart(string Name, string State, string? FailureReason);
