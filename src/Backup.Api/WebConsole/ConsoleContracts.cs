using System.Text.Json;
using System.Text.Json.Serialization;
using Backup.Domain;

namespace Backup.Api.WebConsole;

/// <summary>Who is looking: whether these credentials may create and delete, and why not.</summary>
public sealed record ConsoleSession(bool AuthRequired, bool CanWrite, string? ReadOnlyReason, string Component, string? Repository);

/// <summary>One row of the console's list: what an operator reads at a glance.</summary>
public sealed record ConsoleBackup(
    long BackupId,
    string State,
    string? FailureReason,
    string Component,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    long? DurationMs,
    int PartsDone,
    int PartCount)
{
    public static ConsoleBackup From(BackupReport report)
    {
        var start = report.Parts.Min(p => p.StartTime);
        var end = report.State == BackupState.InProgress ? null : report.Parts.Max(p => p.EndTime);
        return new ConsoleBackup(
            report.Id.Value,
            report.State.Name(),
            report.FailureReason,
            report.Component.Name(),
            start,
            end,
            start is { } s && end is { } e ? (long)(e - s).TotalMilliseconds : null,
            report.Parts.Count(p => p.State == SnapshotState.Success),
            report.Parts.Max(p => p.Name.PartCount));
    }
}

/// <summary>
/// One page of the list, with what the filters need: the count of every state among the backups the pattern matches
/// (before the state filter), and whether any of them is still being taken (the page then refreshes itself).
/// </summary>
public sealed record ConsoleBackupPage(
    int Matched, int Offset, int Limit, IReadOnlyDictionary<string, int> States, bool AnyInProgress, IReadOnlyList<ConsoleBackup> Backups);

/// <summary>One part's snapshot on the timeline.</summary>
public sealed record ConsolePart(
    string Snapshot,
    int PartNumber,
    string? State,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    long? DurationMs,
    IReadOnlyList<string> Indices,
    IReadOnlyList<string> Failures);

/// <summary>
/// What <c>backup restore --dry-run</c> would say: whether the restore can go ahead, what stands in the way, each
/// part's indices, and the commands to run.
/// </summary>
public sealed record ConsoleRestore(
    bool CanRestore,
    string? Refusal,
    IReadOnlyList<string> Existing,
    IReadOnlyList<string> Foreign,
    IReadOnlyList<ConsoleRestorePart> Parts,
    string DryRunCommand,
    string Command);

public sealed record ConsoleRestorePart(string Snapshot, IReadOnlyList<string> Indices);

public sealed record ConsoleBackupDetail(ConsoleBackup Backup, IReadOnlyList<ConsolePart> Parts, ConsoleRestore Restore);

/// <summary>The schedule as this process runs it, and how old the newest COMPLETED backup is.</summary>
public sealed record ConsoleOverview(
    bool ScheduleEnabled,
    string? Cron,
    string? TimeZone,
    DateTimeOffset? NextRun,
    DateTimeOffset? RunAfterNext,
    DateTimeOffset? LastCompletedAt,
    DateTimeOffset Now,
    string? Warning);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConsoleSession))]
[JsonSerializable(typeof(ConsoleBackupPage))]
[JsonSerializable(typeof(ConsoleBackupDetail))]
[JsonSerializable(typeof(ConsoleOverview))]
public sealed partial class ConsoleJsonContext : JsonSerializerContext;
