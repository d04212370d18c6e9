using Backup.Application.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Infrastructure.SnapshotApi.Platform;

public static class PlatformRecordsRegistration
{
    /// <summary>The platform backup's records in the engine, over the same engine client as the snapshots.</summary>
    public static IServiceCollection AddPlatformRecords(this IServiceCollection services) =>
        services.AddTransient<IPlatformRecords>(provider => ActivatorUtilities.CreateInstance<PlatformRecordStore>(
            provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(DependencyInjection.EngineClient)));
}
