using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backup.Application.Backups.Retention;
using Backup.Domain;

namespace Backup.Api.Contracts;

/// <summary>The body of <c>GET /actuator/retention</c>: what the next retention run would delete, and why.</summary>
public sealed record RetentionResponse(
    bool Enabled, string Message, RetentionPolicyResponse Policy, long? BlockedBy, IReadOnlyList<RetentionDeletion> Deletions)
{
    public static RetentionResponse From(RetentionForecast forecast, RetentionOptions options)
    {
        var plan = forecast.Plan;
        var message = (forecast.IsEnabled, plan.BlockedBy, plan.Deletions.Count) switch
        {
            (false, _, _) => "Retention is not configured, so no backup is ever deleted by it. Set Backup:Retention:MaxCount and/or Backup:Retention:MaxAge.",
            (_, { } running, _) => $"Backup [{running}] is IN_PROGRESS: nothing is deleted until it has finished.",
            (_, _, 0) => "No backup has expired: the next run deletes nothing.",
            (_, _, var count) => string.Create(CultureInfo.InvariantCulture, $"The next run deletes {count} backup(s) whole, oldest first."),
        };
        return new RetentionResponse(
            forecast.IsEnabled,
            message,
            new RetentionPolicyResponse(
                options.MaxCount, Span(options.MaxAge), options.MinCount, Span(options.FailedGracePeriod), Span(options.Interval)),
            plan.BlockedBy?.Value,
            [.. plan.Deletions.Select(d => new RetentionDeletion(d.Backup.Id.Value, d.Backup.State.Name(), ApiTime.Format(d.Start), d.Reason))]);
    }

    private static string? Span(TimeSpan? span) => span?.ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>Retention's settings, as configured.</summary>
public sealed record RetentionPolicyResponse(int? MaxCount, string? MaxAge, int MinCount, string? FailedGracePeriod, string? Interval);

/// <summary>A backup the next run deletes whole, with the rule that expired it.</summary>
public sealed record RetentionDeletion(long BackupId, string State, string StartTime, string Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RetentionResponse))]
public sealed partial class RetentionJsonContext : JsonSerializerContext;
