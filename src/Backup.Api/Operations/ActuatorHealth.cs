using System.Collections;
using System.Text.Json;
using Backup.Api.Contracts;
using Backup.Application.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backup.Api.Operations;

/// <summary>
/// <c>GET /actuator/health</c> in Spring Boot actuator's shape, which Camunda users' probes and dashboards already read:
/// <c>{"status":"UP","components":{"engine":{...},"repository":{...},"schedule":{...}}}</c>; 200 when UP, 503 when DOWN.
/// Also wires the schedule, retention and their dry run.
/// </summary>
public static class ActuatorHealth
{
    /// <summary>One engine call may take Database:RequestTimeout and be retried; health answers within this all the same.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<EngineHealthCheck>("engine", HealthStatus.Unhealthy, [Readiness], CheckTimeout)
            .AddCheck<RepositoryHealthCheck>("repository", HealthStatus.Unhealthy, [Readiness], CheckTimeout)
            .AddCheck<ScheduleHealthCheck>("schedule");
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json =>
            json.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, RetentionJsonContext.Default));
        return services;
    }

    private const string LivenessPath = "/actuator/health/liveness";

    private const string ReadinessPath = "/actuator/health/readiness";

    private const string Readiness = "readiness";

    /// <summary>Kubernetes' probes: status only, without credentials. Liveness runs no check (the process answers).</summary>
    public static readonly string[] AnonymousProbes = [LivenessPath, ReadinessPath];

    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/actuator/health", _ => true, WriteAsync);
        Map(endpoints, LivenessPath, _ => false, WriteStatusAsync);
        Map(endpoints, ReadinessPath, check => check.Tags.Contains(Readiness), WriteStatusAsync);
    }

    private static void Map(IEndpointRouteBuilder endpoints, string path, Func<HealthCheckRegistration, bool> checks, Func<HttpContext, HealthReport, Task> writer) =>
        endpoints.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = checks,
            ResponseWriter = writer,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));

    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($$"""{"status":"{{StatusOf(report.Status)}}"}""", context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", StatusOf(report.Status));
        json.WriteStartObject("components");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", StatusOf(entry.Status));
            if (entry.Data.Count > 0 || entry.Status == HealthStatus.Unhealthy)
            {
                json.WriteStartObject("details");
                if (entry.Status == HealthStatus.Unhealthy)
                {
                    json.WriteString("error", entry.Description ?? entry.Exception?.Message ?? "unhealthy");
                }

                foreach (var (key, value) in entry.Data)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static string StatusOf(HealthStatus status) => status == HealthStatus.Unhealthy ? "DOWN" : "UP";

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object>> map:
                json.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, item);
                }

                json.WriteEndObject();
                break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
