using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

public static class PlatformRegistration
{
    /// <summary>The platform backup's services; the outermost project binds <see cref="PlatformOptions"/>, validated on start.</summary>
    public static IServiceCollection AddPlatformBackups(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>();
        services.AddSingleton<PlatformMetrics>();
        services.AddSingleton<PlatformRunner>();
        services.AddSingleton<PlatformReports>();
        services.AddSingleton<PlatformRecovery>();
        services.AddHostedService(provider => provider.GetRequiredService<PlatformRecovery>());
        services.AddSingleton<ExportingWatch>();
        services.AddHostedService(provider => provider.GetRequiredService<ExportingWatch>());
        return services;
    }
}
