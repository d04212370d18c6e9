using Backup.Application.Observing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Backup.Api.Observability;

/// <summary>
/// Exports the service's metrics in Prometheus text format at <c>GET /actuator/prometheus</c>, the Spring actuator path
/// the original's users already scrape. Behind the same credentials as the API (a read is enough).
/// </summary>
public static class Metrics
{
    public const string Path = "/actuator/prometheus";

    public static IServiceCollection AddBackupMetricsExport(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("backup"))
            .WithMetrics(metrics => metrics
                .AddMeter(BackupMetrics.MeterName)
                // The API's own requests (http_server_request_duration_seconds), by route template and status.
                .AddMeter("Microsoft.AspNetCore.Hosting")
                // Every scrape sees the values as they are; the instruments are cheap to collect.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointConventionBuilder MapBackupMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(Path).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
}
