using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Infrastructure.Elastic;

public static class DependencyInjection
{
    /// <summary>
    /// Elasticsearch 7.17, 8.x and 9.x: snapshots are taken with <c>feature_states: ["none"]</c>, so that no system
    /// feature state (security, watcher, ...) rides along in a Camunda backup or comes back with its restore.
    /// </summary>
    public static IServiceCollection AddElasticsearchSnapshots(this IServiceCollection services) =>
        services.AddSnapshotApi(new EngineDialect(DatabaseType.Elasticsearch, FeatureStates: ["none"]));
}
