using System.Text.Json.Serialization;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>The answer of <c>GET _snapshot/&lt;repository&gt;/&lt;snapshots&gt;</c>, read for each snapshot's state and indices (a
/// listing, <see cref="SnapshotListingReader"/>, reads only what the service lists).</summary>
internal sealed record SnapshotIndicesResponse(IReadOnlyList<SnapshotIndices>? Snapshots);

internal sealed record SnapshotIndices(string Snapshot, string? State, IReadOnlyList<string>? Indices);

/// <summary>
/// The body of <c>POST _snapshot/&lt;repository&gt;/&lt;snapshot&gt;/_restore</c>: exact index names, none missing, and
/// never the cluster's global state (a Camunda restore must not replace the engine's settings or other templates).
/// </summary>
internal sealed record RestoreSnapshotBody(string Indices, bool IgnoreUnavailable, bool IncludeGlobalState);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SnapshotIndicesResponse))]
[JsonSerializable(typeof(RestoreSnapshotBody))]
internal sealed partial class RestoreWireContext : JsonSerializerContext;
