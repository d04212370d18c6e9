namespace Backup.Infrastructure.SnapshotApi;

/// <summary>What one engine does differently on the snapshot API's wire; everything else is the same for both.</summary>
/// <param name="FeatureStates">
/// Elasticsearch's <c>feature_states</c> for a snapshot (<c>["none"]</c>, so that no system feature state rides along);
/// null on OpenSearch, which has no such field.
/// </param>
public sealed record EngineDialect(DatabaseType Type, IReadOnlyList<string>? FeatureStates);
