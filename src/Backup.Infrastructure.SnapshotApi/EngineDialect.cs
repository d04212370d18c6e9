namespace Backup.Infrastructure.SnapshotApi;

/// <summary>What one engine does differently on the snapshot API's wire; everything else is the same for both.</summary>
/// <param name="FeatureStates">
/// Elasticsearch's <c>feature_states</c> for a snapshot (<c>["none"]</c>, so that no system feature state, such as
/// security or watcher, rides along in a Camunda backup or comes back with its restore); null on OpenSearch, which
/// has no such field.
/// </param>
/// <param name="PagesVerboseListings">
/// Whether a verbose listing can be read page by page (<c>sort</c>, <c>size</c>, <c>after</c>): Elasticsearch 7.17 and
/// later; OpenSearch has no paging and answers in one body.
/// </param>
public sealed record EngineDialect(DatabaseType Type, IReadOnlyList<string>? FeatureStates, bool PagesVerboseListings)
{
    /// <summary>Elasticsearch 7.17, 8.x and 9.x.</summary>
    public static readonly EngineDialect Elasticsearch = new(DatabaseType.Elasticsearch, FeatureStates: ["none"], PagesVerboseListings: true);

    /// <summary>OpenSearch 1.x, 2.x and 3.x.</summary>
    public static readonly EngineDialect OpenSearch = new(DatabaseType.OpenSearch, FeatureStates: null, PagesVerboseListings: false);

    public static EngineDialect For(DatabaseType type) => type == DatabaseType.OpenSearch ? OpenSearch : Elasticsearch;
}
