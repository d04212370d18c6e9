using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Infrastructure.OpenSearch;

public static class DependencyInjection
{
    /// <summary>OpenSearch 1.x, 2.x and 3.x: the same snapshot API, without Elasticsearch's <c>feature_states</c>.</summary>
    public static IServiceCollection AddOpenSearchSnapshots(this IServiceCollection services) =>
        services.AddSnapshotApi(new EngineDialect(DatabaseType.OpenSearch, FeatureStates: null));
}
