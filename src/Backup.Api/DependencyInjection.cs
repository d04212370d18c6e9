using Backup.Api.Configuration;
using Backup.Api.Contracts;
using Backup.Api.Observability;
using Backup.Api.Operations;
using Backup.Api.WebConsole;
using Backup.Application;
using Backup.Application.Behaviours;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Backup.Api;

/// <summary>The service's composition root: each layer registers its own services, this one puts them together.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddBackupService(this IServiceCollection services, DatabaseType engine)
    {
        services.AddServiceOptions();
        services.AddBackupApplication();
        services.AddSnapshotApi(engine);
        services.AddPlatform();

        // The generator that writes AddMediator lives in this project only (a second one breaks the build, CS0436).
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>), typeof(RepositoryConfiguredBehaviour<,>), typeof(DeadlineBehaviour<,>)];
        });

        services
            .AddControllers()
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
                json.JsonSerializerOptions.Encoder = BackupListResult.Encoder;
            });

        // Requests are validated once, by the use cases' validators; MVC's own 400s would bypass the problem format.
        services.Configure<ApiBehaviorOptions>(api => api.SuppressModelStateInvalidFilter = true);
        services.AddHealth();
        services.AddObservability();
        services.AddListingLimits();
        services.AddWebConsole();
        return services;
    }

    /// <summary>
    /// The <c>Backup</c> and <c>Database</c> sections: bound here and only here, checked by the validators beside each
    /// options class when first read and on start (<see cref="Configuration.StartupCheck"/> reads them through this).
    /// </summary>
    public static IServiceCollection AddServiceOptions(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupOptions>, BackupOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidation>());
        return services;
    }
}
