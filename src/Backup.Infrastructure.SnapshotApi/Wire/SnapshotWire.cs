using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>The body of <c>PUT _snapshot/&lt;repository&gt;/&lt;snapshot&gt;</c>.</summary>
internal sealed record CreateSnapshotBody(
    IReadOnlyList<string> Indices,
    bool IgnoreUnavailable,
    bool IncludeGlobalState,
    SnapshotMetadata Metadata,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? FeatureStates = null);

/// <summary>The user metadata the original wrote on every part, field names as it wrote them.</summary>
internal sealed record SnapshotMetadata(
    [property: JsonPropertyName("backupId")] long BackupId,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("partNo")] int PartNo,
    [property: JsonPropertyName("partCount")] int PartCount);

/// <summary>The answer of <c>GET _snapshot/&lt;repository&gt;/&lt;snapshot&gt;/_status</c>.</summary>
internal sealed record SnapshotStatusResponse(IReadOnlyList<SnapshotStatus>? Snapshots);

internal sealed record SnapshotStatus(string? State, ShardsStats? ShardsStats, SnapshotStats? Stats);

internal sealed record ShardsStats(int Done, int Total);

/// <summary><c>incremental</c> is what this snapshot uploads; <c>processed</c>, present while it runs, what is uploaded so far.</summary>
internal sealed record SnapshotStats(FileStats? Incremental, FileStats? Processed);

internal sealed record FileStats(long SizeInBytes);

/// <summary>The answer of <c>GET _resolve/index/&lt;expression&gt;</c>.</summary>
internal sealed record ResolveIndexResponse(IReadOnlyList<ResolvedIndex>? Indices);

internal sealed record ResolvedIndex(string Name);

/// <summary>The answer of <c>GET /</c>.</summary>
internal sealed record RootInfo(RootVersion? Version);

internal sealed record RootVersion(string? Number, string? Distribution, string? BuildFlavor);

/// <summary>The engines' error envelope; <c>error</c> is an object, or a plain string on very old versions.</summary>
internal sealed record ErrorResponse(JsonElement Error, int? Status);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CreateSnapshotBody))]
[JsonSerializable(typeof(SnapshotStatusResponse))]
[JsonSerializable(typeof(ResolveIndexResponse))]
[JsonSerializable(typeof(RootInfo))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class SnapshotWireContext : JsonSerializerContext;
