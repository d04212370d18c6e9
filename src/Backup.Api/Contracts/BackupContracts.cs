using System.Text.Json;
using System.Text.Json.Serialization;
using Backup.Application.Backups.CreateBackup;
using Backup.Domain;

namespace Backup.Api.Contracts;

/// <summary>The body of <c>POST /actuator/backups</c>'s answer.</summary>
public sealed record CreateBackupResponse(IReadOnlyList<string> ScheduledSnapshots)
{
    public static CreateBackupResponse From(CreatedBackup created) => new([.. created.ScheduledSnapshots.Select(n => n.ToString())]);
}

/// <summary>
/// One backup, as <c>GET /actuator/backups/{id}</c> and the list answer it. <c>component</c> is written only by the
/// webapps profile, whose list also holds the 8.7 Operate and Tasklist backups; 8.7 answers keep the original's shape.
/// </summary>
public sealed record BackupStateResponse(
    long BackupId,
    string State,
    string? FailureReason,
    IReadOnlyList<SnapshotDetail> Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Component = null)
{
    public static BackupStateResponse From(BackupReport report, bool namesComponent = false) => new(
        report.Id.Value,
        report.State.Name(),
        report.FailureReason,
        [.. report.Parts.Select(SnapshotDetail.From)],
        namesComponent ? report.Component.Name() : null);
}

/// <summary>One part's snapshot; <c>state</c> is the engine's own word for it.</summary>
public sealed record SnapshotDetail(string SnapshotName, string? State, string? StartTime, IReadOnlyList<string>? Failures)
{
    public static SnapshotDetail From(Snapshot snapshot) => new(
        snapshot.Name.ToString(),
        snapshot.EngineState,
        snapshot.StartTime is { } start ? ApiTime.Format(start) : null,
        snapshot.Failures);
}

/// <summary>
/// An RFC 9457 problem that also carries the original's <c>message</c> field, so scripts written for either read it.
/// </summary>
public sealed record ProblemResponse(string Type, string Title, int Status, string Detail, string Instance, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateBackupResponse))]
[JsonSerializable(typeof(BackupStateResponse))]
[JsonSerializable(typeof(IReadOnlyList<BackupStateResponse>))]
[JsonSerializable(typeof(ProblemResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
