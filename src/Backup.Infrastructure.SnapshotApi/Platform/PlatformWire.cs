using System.Text.Json.Serialization;

namespace Backup.Infrastructure.SnapshotApi.Platform;

/// <summary>A platform backup's record as stored in the engine's record index.</summary>
internal sealed record RunDocument(
    long BackupId,
    string Version,
    IReadOnlyList<string> Components,
    DateTimeOffset StartedAt,
    string? Step,
    bool ExportingPaused,
    string? Outcome,
    FailureDocument? Failure,
    DateTimeOffset? EndedAt);

internal sealed record FailureDocument(string Component, string Step, string Reason);

/// <summary>The lock of the platform backup being taken.</summary>
internal sealed record LockDocument(long BackupId, string Owner, DateTimeOffset Until);

/// <summary>The answer of <c>GET {index}/_doc/{id}</c>.</summary>
internal sealed record GetDocumentResponse<T>(
    [property: JsonPropertyName("_seq_no")] long SeqNo,
    [property: JsonPropertyName("_primary_term")] long PrimaryTerm,
    [property: JsonPropertyName("found")] bool Found,
    [property: JsonPropertyName("_source")] T? Source);

/// <summary>The answer of a document write: its new sequence number and primary term.</summary>
internal sealed record WriteDocumentResponse(
    [property: JsonPropertyName("_seq_no")] long SeqNo,
    [property: JsonPropertyName("_primary_term")] long PrimaryTerm);

internal sealed record SearchResponse([property: JsonPropertyName("hits")] SearchHits? Hits);

internal sealed record SearchHits([property: JsonPropertyName("hits")] IReadOnlyList<SearchHit>? Hits);

internal sealed record SearchHit([property: JsonPropertyName("_id")] string Id, [property: JsonPropertyName("_source")] RunDocument? Source);

/// <summary>The manual records snapshot's body, as the backup guides send it (no global-state flag).</summary>
internal sealed record RecordsSnapshotBody(string Indices, IReadOnlyList<string>? FeatureStates);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(LockDocument))]
[JsonSerializable(typeof(GetDocumentResponse<RunDocument>))]
[JsonSerializable(typeof(GetDocumentResponse<LockDocument>))]
[JsonSerializable(typeof(WriteDocumentResponse))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(RecordsSnapshotBody))]
internal sealed partial class PlatformWireContext : JsonSerializerContext;
