using Backup.Application.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Backup.Application.Health;

/// <summary>UP when the configured snapshot repository exists in the engine; DOWN when it is not configured or missing.</summary>
public sealed class RepositoryHealthCheck(IEngineProbe probe, IOptions<BackupOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.RepositoryNotConfigured is { } notConfigured)
        {
            return HealthCheckResult.Unhealthy(notConfigured.Message);
        }

        var data = new Dictionary<string, object> { ["name"] = settings.RepositoryName! };
        var found = await probe.FindRepositoryAsync(cancellationToken);
        return found.IsSuccess ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Unhealthy(found.Error.Message, data: data);
    }
}
