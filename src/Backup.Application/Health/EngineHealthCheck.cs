using Backup.Application.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backup.Application.Health;

/// <summary>UP when the engine answers; DOWN, with the reason, when it cannot be reached or refuses the service.</summary>
public sealed class EngineHealthCheck(IEngineProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var identity = await probe.IdentifyAsync(cancellationToken);
        return identity.IsSuccess
            ? HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["engine"] = identity.Value.Engine, ["version"] = identity.Value.Version })
            : HealthCheckResult.Unhealthy(identity.Error.Message);
    }
}
