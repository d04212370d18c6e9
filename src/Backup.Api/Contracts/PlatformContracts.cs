using System.Text.Json;
using System.Text.Json.Serialization;
using Backup.Domain.Platform;

namespace Backup.Api.Contracts;

/// <summary>The answer to <c>POST /actuator/platform/backups</c>: the id taken, and the components it covers in order.</summary>
public sealed record PlatformBackupStarted(long BackupId, string Version, IReadOnlyList<string> Steps, string Message)
{
    public static PlatformBackupStarted From(PlatformRun run) => new(
        run.Id.Value,
        run.Line.Name(),
        [.. PlatformPlan.Steps(run.Line, run.Components).Select(s => s.Name)],
        $"Platform backup {run.Id} has been started. Use GET /actuator/platform/backups/{run.Id} to follow it.");
}

/// <summary>One platform backup: its state, the step it reached, and each component's own state and parts.</summary>
public sealed record PlatformBackupResponse(
    long BackupId,
    string State,
    string? FailureReason,
    string Version,
    string? Step,
    bool ExportingPaused,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<PlatformComponentResponse> Components,
    RecordsSnapshotResponse RecordsSnapshot)
{
    public static PlatformBackupResponse From(PlatformReport report) => new(
        report.Run.Id.Value,
        report.State switch
        {
            PlatformState.Completed => "COMPLETED",
            PlatformState.InProgress => "IN_PROGRESS",
            PlatformState.Failed => "FAILED",
            _ => "INCOMPLETE",
        },
        report.FailureReason,
        report.Run.Line.Name(),
        report.Run.Step,
        report.Run.ExportingPaused,
        report.Run.StartedAt,
        report.Run.EndedAt,
        [.. report.Components.Select(c => new PlatformComponentResponse(
            c.Component.Name(), c.State, c.FailureReason, [.. c.Parts.Select(p => new PlatformPartResponse(p.Name, p.State, p.FailureReason))]))],
        new RecordsSnapshotResponse(PlatformNames.RecordsSnapshot(report.Run.Id), report.RecordsSnapshotState ?? "DOES_NOT_EXIST"));
}

public sealed record PlatformComponentResponse(string Component, string State, string? FailureReason, IReadOnlyList<PlatformPartResponse> Details);

public sealed record PlatformPartResponse(string Name, string State, string? FailureReason);

public sealed record RecordsSnapshotResponse(string Name, string State);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlatformBackupStarted))]
[JsonSerializable(typeof(PlatformBackupResponse))]
[JsonSerializable(typeof(IReadOnlyList<PlatformBackupResponse>))]
public sealed partial class PlatformJsonContext : JsonSerializerContext;
