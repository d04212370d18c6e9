using Backup.Application.Backups.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Application.Backups.Scheduling;

public static class ScheduleRegistration
{
    /// <summary>
    /// The scheduled backups and retention; each does nothing unless configured (<c>Backup:Schedule:Cron</c>,
    /// <c>Backup:Retention:MaxCount</c> or <c>MaxAge</c>). Needs the mediator, which the outermost project registers.
    /// </summary>
    public static IServiceCollection AddBackupSchedule(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleRecord>();
        services.AddHostedService<BackupScheduler>();
        services.AddHostedService<RetentionRunner>();
        return services;
    }
}
