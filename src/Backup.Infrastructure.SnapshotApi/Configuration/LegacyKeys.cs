using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// Accepts the original Operate / Tasklist configuration keys (<c>camunda.operate.backup.repositoryName</c>, its
/// environment form <c>CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME</c>, <c>management.server.port</c>, ...), so that an
/// existing deployment's settings carry over. A key of this service's own always wins over its original twin.
/// Read by the service and by the backup tool alike.
/// </summary>
public static class LegacyKeys
{
    private static readonly (string Original, string Key)[] PerComponent =
    [
        ("camunda.{0}.backup.repositoryName", "Backup:RepositoryName"),
        ("camunda.{0}.backup.incompleteCheckTimeoutInSeconds", "Backup:IncompleteCheckTimeout"),
        ("camunda.{0}.database", "Database:Type"),
        ("camunda.{0}.elasticsearch.url", "Database:Url"),
        ("camunda.{0}.elasticsearch.username", "Database:Username"),
        ("camunda.{0}.elasticsearch.password", "Database:Password"),
        ("camunda.{0}.opensearch.url", "Database:Url"),
        ("camunda.{0}.opensearch.username", "Database:Username"),
        ("camunda.{0}.opensearch.password", "Database:Password"),
    ];

    public static void AddLegacyKeys(this ConfigurationManager configuration)
    {
        var mapped = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var component = configuration["Backup:Component"] ?? InferComponent(configuration);
        if (configuration["Backup:Component"] is null && component is not null)
        {
            mapped["Backup:Component"] = component;
        }

        foreach (var (original, key) in PerComponent)
        {
            var name = string.Format(CultureInfo.InvariantCulture, original, component ?? "operate");
            if (configuration[key] is null && !mapped.ContainsKey(key) && Read(configuration, name) is { } value)
            {
                mapped[key] = key == "Backup:IncompleteCheckTimeout" ? Seconds(value) : value;
            }
        }

        if (configuration["Management:Server:Port"] is null && Read(configuration, "management.server.port") is { } port)
        {
            mapped["Management:Server:Port"] = port;
        }

        if (mapped.Count > 0)
        {
            configuration.AddInMemoryCollection(mapped);
        }
    }

    /// <summary>A Tasklist deployment's environment has only <c>CAMUNDA_TASKLIST_*</c> keys.</summary>
    private static string? InferComponent(IConfiguration configuration) =>
        Read(configuration, "camunda.tasklist.backup.repositoryName") is not null
        && Read(configuration, "camunda.operate.backup.repositoryName") is null
            ? "tasklist"
            : null;

    /// <summary>The dotted key, or its environment form (upper case, dots as underscores).</summary>
    private static string? Read(IConfiguration configuration, string dotted) =>
        configuration[dotted] ?? configuration[dotted.Replace('.', '_').ToUpperInvariant()];

    private static string Seconds(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : value;
}
