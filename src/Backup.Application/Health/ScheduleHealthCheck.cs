using Backup.Application.Backups.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Backup.Application.Health;

/// <summary>
/// The schedule and retention as this process ran them: always UP, because a failed tick is the engine's or the
/// repository's problem, which their own components report as DOWN; the last run's outcome and reason are details.
/// </summary>
public sealed class ScheduleHealthCheck(ScheduleRecord record, IOptions<BackupOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var data = new Dictionary<string, object> { ["enabled"] = settings.Schedule.IsEnabled };
        if (settings.Schedule.IsEnabled)
        {
            data["cron"] = settings.Schedule.Cron!;
            data["timeZone"] = settings.Schedule.TimeZone;
        }

        if (record.NextTick is { } next)
        {
            data["nextRun"] = next;
        }

        if (record.LastRun is { } run)
        {
            var lastRun = new Dictionary<string, object>
            {
                ["tick"] = run.Tick,
                ["backupId"] = run.BackupId,
                ["outcome"] = run.Outcome.ToString().ToUpperInvariant(),
            };
            if (run.Reason is not null)
            {
                lastRun["reason"] = run.Reason;
            }

            data["lastRun"] = lastRun;
        }

        var retention = new Dictionary<string, object> { ["enabled"] = settings.Retention.Policy.IsEnabled };
        if (record.LastRetention is { } pass)
        {
            var lastRun = new Dictionary<string, object>
            {
                ["at"] = pass.At,
                ["deleted"] = pass.Deleted.Select(id => id.Value).ToList(),
            };
            if (pass.BlockedBy is { } blockedBy)
            {
                lastRun["blockedBy"] = blockedBy.Value;
            }

            if (pass.Problem is not null)
            {
                lastRun["problem"] = pass.Problem;
            }

            retention["lastRun"] = lastRun;
        }

        data["retention"] = retention;
        return Task.FromResult(HealthCheckResult.Healthy(data: data));
    }
}
