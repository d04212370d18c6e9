using Backup.Application.Backups.Retention;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>
/// What retention would delete if it ran now, when platform backups are configured: <c>Backup:Retention</c> applied to
/// whole platform backups (their state and start as their record and components say), never to a component's backup.
/// </summary>
public sealed record PlanPlatformRetentionQuery : IQuery<Result<RetentionForecast>>;

public sealed class PlanPlatformRetentionHandler(PlatformReports reports, IOptions<BackupOptions> options, TimeProvider time)
    : IQueryHandler<PlanPlatformRetentionQuery, Result<RetentionForecast>>
{
    public async ValueTask<Result<RetentionForecast>> Handle(PlanPlatformRetentionQuery query, CancellationToken cancellationToken)
    {
        var policy = options.Value.Retention.Policy;
        if (!policy.IsEnabled)
        {
            return new RetentionForecast(policy, new RetentionPlan([], null));
        }

        if (options.Value.RepositoryNotConfigured is { } notConfigured)
        {
            return notConfigured;
        }

        var backups = await reports.ListAsync(cancellationToken);
        return backups.IsSuccess
            ? new RetentionForecast(policy, policy.Select(backups.Value.Select(b => b.ForRetention), time.GetUtcNow()))
            : backups.Error;
    }
}

/// <summary>Which backups retention weighs: whole platform backups once the platform is configured, else this component's.</summary>
public static class RetentionScope
{
    public static IQuery<Result<RetentionForecast>> PlanFor(PlatformOptions? platform) =>
        platform?.IsEnabled == true ? new PlanPlatformRetentionQuery() : new PlanRetentionQuery();
}
