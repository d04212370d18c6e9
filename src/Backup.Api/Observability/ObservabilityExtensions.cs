namespace Backup.Api.Observability;

/// <summary>What an operator watches the service with: metrics for alerts, and the API's own description.</summary>
public static class ObservabilityExtensions
{
    public static IServiceCollection AddObservability(this IServiceCollection services) =>
        services.AddBackupMetricsExport().AddApiDocument();

    public static WebApplication MapObservability(this WebApplication app)
    {
        app.MapBackupMetrics();
        app.MapApiDocument();
        return app;
    }
}
