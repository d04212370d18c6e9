using Backup.Application.Abstractions;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Retention;

/// <summary>What retention would delete if it ran now, and why: the dry run, and the first step of every real run.</summary>
public sealed record PlanRetentionQuery : IQuery<Result<RetentionForecast>>;

/// <summary>The policy in force and what it selects now; <see cref="IsEnabled"/> false when retention is not configured.</summary>
public sealed record RetentionForecast(RetentionPolicy Policy, RetentionPlan Plan)
{
    public bool IsEnabled => Policy.IsEnabled;
}

public sealed class PlanRetentionHandler(ISnapshotRepository repository, IOptions<BackupOptions> options, TimeProvider time)
    : IQueryHandler<PlanRetentionQuery, Result<RetentionForecast>>
{
    public async ValueTask<Result<RetentionForecast>> Handle(PlanRetentionQuery query, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var policy = settings.Retention.Policy;
        if (!policy.IsEnabled)
        {
            return new RetentionForecast(policy, new RetentionPlan([], null));
        }

        if (settings.RepositoryNotConfigured is { } notConfigured)
        {
            return notConfigured;
        }

        // Only snapshots whose names read as this component's backups are ever looked at: never SLM's, never anyone else's.
        var snapshots = await repository.GetSnapshotsAsync(SnapshotSelection.AllOf(settings.Component), verbose: true, cancellationToken);
        if (!snapshots.IsSuccess)
        {
            return snapshots.Error;
        }

        var now = time.GetUtcNow();
        var backups = BackupCatalog.Group(snapshots.Value, settings.Component, now, settings.IncompleteCheckTimeout);
        return new RetentionForecast(policy, policy.Select(backups, now));
    }
}
