using Backup.Application.Backups.CreateBackup;
using Backup.Application.Backups.ListBackups;
using Backup.Application.Backups.Scheduling;
using Backup.Application.Backups.Taking;
using Backup.Application.Observing;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Backup.Application;

public static class DependencyInjection
{
    /// <summary>
    /// The use cases' own services, the background driver and the schedule. The mediator itself is generated and
    /// registered by the outermost project, with the pipeline behaviours in Behaviours/.
    /// </summary>
    public static IServiceCollection AddBackupApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<BackupOptions>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupOptions>, BackupOptionsValidation>());
        services.AddSingleton<BackupsInProgress>();
        services.AddSingleton<RivalBackups>();
        services.AddSingleton<BackupDriver>();
        services.AddSingleton<SharedListings>();
        services.AddSingleton<BackupWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<BackupWorker>());
        services.TryAddSingleton<BackupMetrics>();
        services.AddHostedService<LastCompletedBackupWatch>();
        services.AddBackupSchedule();
        return services;
    }
}
