using Backup.Application.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.SnapshotApi;

public static class RestoreDependencyInjection
{
    internal const string RestoreClient = "engine-restore";

    /// <summary>
    /// Registers <see cref="ISnapshotRestore"/>, after <see cref="DependencyInjection.AddSnapshotApi"/>.
    /// A restore waits for the engine without a deadline and is never retried: it ends when the engine says so, or
    /// when the operator cancels it.
    /// </summary>
    public static IServiceCollection AddSnapshotRestore(this IServiceCollection services)
    {
        services.AddTransient<ISnapshotRestore>(SnapshotApiRestore.Create);
        services.AddHttpClient(RestoreClient, (provider, http) =>
                EngineConnection.Configure(http, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(provider =>
                EngineConnection.Handler(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        return services;
    }
}
