using Backup.Api.Contracts;
using Backup.Application.Platform;
using Backup.Infrastructure.Camunda;
using Backup.Infrastructure.SnapshotApi.Platform;

namespace Backup.Api.Configuration;

public static class PlatformSetup
{
    /// <summary>Platform backups: options validated on start, the use cases, the component and record adapters, health.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.Section).ValidateOnStart();
        services.AddPlatformBackups();
        services.AddCamundaManagementApis();
        services.AddPlatformRecords();
        services.AddHealthChecks().AddCheck<ExportingWatch>("platform");
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json => json.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, PlatformJsonContext.Default));
        return services;
    }
}
