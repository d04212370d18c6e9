using System.Text.Json.Serialization;

namespace Backup.Infrastructure.Camunda;

/// <summary>The create body every component takes: <c>{"backupId": 123}</c>.</summary>
internal sealed record TakeBackupBody(long BackupId);

/// <summary>
/// A backup as every component answers it: Operate, Tasklist, the webapps and Optimize list snapshots in
/// <c>details</c> (<c>snapshotName</c>, <c>state</c>, <c>failures</c>), Zeebe its partitions (<c>partitionId</c>,
/// <c>state</c>, <c>failureReason</c>).
/// </summary>
internal sealed record BackupAnswer(string? State, string? FailureReason, IReadOnlyList<BackupDetail>? Details);

internal sealed record BackupDetail(string? SnapshotName, int? PartitionId, string? State, string? FailureReason, IReadOnlyList<string>? Failures);

/// <summary>The exporting API's answer: HTTP 200 always, the outcome in <c>status</c> (204 success), a message in <c>body</c>.</summary>
internal sealed record ExportingAnswer(int? Status, ExportingMessage? Body);

internal sealed record ExportingMessage(string? Message);

/// <summary>One partition of a broker's <c>actuator/partitions</c>.</summary>
internal sealed record PartitionAnswer(string? Role, string? ExporterPhase);

/// <summary>An error body: Zeebe's and Camunda's <c>message</c>, Optimize's <c>errorMessage</c>, this service's problem <c>detail</c>.</summary>
internal sealed record ErrorAnswer(string? Message, string? ErrorMessage, string? Detail);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TakeBackupBody))]
[JsonSerializable(typeof(BackupAnswer))]
[JsonSerializable(typeof(ExportingAnswer))]
[JsonSerializable(typeof(Dictionary<string, PartitionAnswer>))]
[JsonSerializable(typeof(ErrorAnswer))]
internal sealed partial class ManagementWireContext : JsonSerializerContext;
