using Backup.Application.Abstractions;
using Backup.Application.Observing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Backup.Infrastructure.SnapshotApi;

public static class DependencyInjection
{
    internal const string EngineClient = "engine";

    /// <summary>
    /// Registers the snapshot API client for one engine family, for the service and the tool alike. Reads are retried
    /// a bounded number of times; creating or deleting a snapshot is never repeated blindly (the use cases read the
    /// engine's answer instead).
    /// </summary>
    public static IServiceCollection AddSnapshotApi(this IServiceCollection services, DatabaseType type)
    {
        services.AddSingleton(EngineDialect.For(type));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidation>());
        services.AddSingleton<EngineCompatibility>();
        services.AddHostedService<EngineCheck>();
        services.AddTransient<ISnapshotRepository, SnapshotApiRepository>();
        services.AddTransient<IEngineProbe, EngineProbe>();
        // Engine calls are metered wherever the adapter runs (the service, the backup tool), so it brings its meter along.
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BackupMetrics>();
        services.AddTransient<EngineCallMetering>();
        services.AddSingleton<EngineOutage>();
        services.AddTransient<EngineOutageWatch>();
        services.AddHttpClient<EngineCalls>(EngineClient, (provider, http) =>
                EngineConnection.Configure(http, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(provider =>
                EngineConnection.Handler(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value))
            .AddHttpMessageHandler<EngineCallMetering>()
            .AddHttpMessageHandler<EngineOutageWatch>()
            .AddResilienceHandler("engine", (pipeline, context) =>
            {
                var database = context.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(database.ReadRetries, 1),
                        Delay = TimeSpan.FromMilliseconds(200),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldHandle = args => ValueTask.FromResult(
                            database.ReadRetries > 0
                            && args.Context.GetRequestMessage()?.Method == HttpMethod.Get
                            && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                    })
                    .AddTimeout(database.RequestTimeout);
            });
        return services;
    }
}
