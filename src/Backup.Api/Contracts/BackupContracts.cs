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

/// <summary>One backup, as <c>GET /actuator/backups/{id}</c> and the list answer it.</summary>
public sealed record BackupStateResponse(long BackupId, string State, string? FailureReason, IReadOnlyList<SnapshotDetail> Details)
{
    public static BackupStateResponse From(BackupReport report) => new(
        report.Id.Value,
        report.State.Name(),
        report.FailureReason,
        [.. report.Parts.Select(SnapshotDetail.From)]);
}

/// <summary>One part's snapshot; <c>state</c> is the engine's own word for it.</summary>
public sealed record SnapshotDetail(string SnapshotName, string? State, string? StartTime, IReadOnlyList<string>? Failures)
{
    public static SnapshotDetail From(Snapshot snapshot) => new(
        snapshot.Name.ToString(),
        snapshot.EngineState,
        snapshot.StartTime is { } start ? FormatTime(start) : null,
        snapshot.Failures);

    /// <summary>
    /// The original's format, <c>2023-01-01T10:10:10.100+0000</c>, always in UTC; written digit by digit, since a list
    /// answer holds one per snapshot and a custom format string costs several times as much.
    /// </summary>
    private static string FormatTime(DateTimeOffset time) => string.Create(28, time.UtcDateTime, static (text, utc) =>
    {
        Digits(text[..4], utc.Year);
        text[4] = '-';
        Digits(text[5..7], utc.Month);
        text[7] = '-';
        Digits(text[8..10], utc.Day);
        text[10] = 'T';
        Digits(text[11..13], utc.Hour);
        text[13] = ':';
        Digits(text[14..16], utc.Minute);
        text[16] = ':';
        Digits(text[17..19], utc.Second);
        text[19] = '.';
        Digits(text[20..23], utc.Millisecond);
        "+0000".CopyTo(text[23..]);
    });

    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10)
        {
            text[i] = (char)('0' + (value % 10));
        }
    }
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
