using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// Accepts the original Operate / Tasklist configuration keys (<c>camunda.operate.backup.repositoryName</c>, its
/// environment form <c>CAMUNDA_OPERATE_BACKUP_REPOSITORYNAME</c>, <c>management.server.port</c>, ...) and Camunda 8.8's
/// (<c>camunda.data.backup.repository-name</c>, which also selects the <c>webapps</c> component), so that an existing
/// deployment's settings carry over. A key of this service's own always wins over its original twin.
/// Read by the service and by the backup tool alike.
/// </summary>
public static class LegacyKeys
{
    private const string RepositoryName88 = "camunda.data.backup.repository-name";

    private const string IncompleteCheckTimeout88 = "camunda.data.backup.incomplete-check-timeout";

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

        // 8.8's keys first: they are the ones an 8.8 deployment means, its legacy ones must agree with them.
        MapIfUnset(configuration, mapped, "Backup:RepositoryName", Read(configuration, RepositoryName88));
        MapIfUnset(configuration, mapped, "Backup:IncompleteCheckTimeout", Duration(Read(configuration, IncompleteCheckTimeout88)));
        foreach (var (original, key) in PerComponent)
        {
            var name = string.Format(CultureInfo.InvariantCulture, original, LegacyComponent(component));
            var value = Read(configuration, name);
            MapIfUnset(configuration, mapped, key, key == "Backup:IncompleteCheckTimeout" && value is not null ? Seconds(value) : value);
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

    /// <summary>
    /// Legacy Operate / Tasklist keys whose value differs from 8.8's key for the same setting: 8.8 refuses to start
    /// on such a double configuration, and so does this service, one line per disagreement.
    /// </summary>
    public static IReadOnlyList<string> Disagreements(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var legacyComponent in new[] { "operate", "tasklist" })
        {
            Compare(configuration, problems, RepositoryName88, $"camunda.{legacyComponent}.backup.repositoryName", static v => v);
            Compare(configuration, problems, IncompleteCheckTimeout88, $"camunda.{legacyComponent}.backup.incompleteCheckTimeoutInSeconds", Seconds);
        }

        return problems;
    }

    private static void Compare(IConfiguration configuration, List<string> problems, string key88, string legacyKey, Func<string, string> normalise)
    {
        var value88 = Read(configuration, key88);
        var legacy = Read(configuration, legacyKey);
        if (value88 is not null && legacy is not null && Normalised(value88, key88) != normalise(legacy))
        {
            problems.Add($"{legacyKey} '{legacy}' disagrees with {key88} '{value88}': Camunda 8.8 takes one value for both; remove {legacyKey} or give it the same value");
        }
    }

    private static string? Normalised(string value, string key88) => key88 == IncompleteCheckTimeout88 ? Duration(value) : value;

    private static void MapIfUnset(ConfigurationManager configuration, Dictionary<string, string?> mapped, string key, string? value)
    {
        if (value is not null && configuration[key] is null && !mapped.ContainsKey(key))
        {
            mapped[key] = value;
        }
    }

    /// <summary>
    /// An 8.8 deployment sets <c>camunda.data.backup.*</c>; a Tasklist deployment's environment has only
    /// <c>CAMUNDA_TASKLIST_*</c> keys.
    /// </summary>
    private static string? InferComponent(IConfiguration configuration) =>
        Read(configuration, RepositoryName88) is not null || Read(configuration, IncompleteCheckTimeout88) is not null
            ? "webapps"
            : Read(configuration, "camunda.tasklist.backup.repositoryName") is not null
              && Read(configuration, "camunda.operate.backup.repositoryName") is null
                ? "tasklist"
                : null;

    /// <summary>8.8 still reads Operate's keys for the database connection.</summary>
    private static string LegacyComponent(string? component) =>
        component is null || component.Equals("webapps", StringComparison.OrdinalIgnoreCase) ? "operate" : component;

    /// <summary>The dotted key, or its environment form (upper case, dots as underscores, no dashes).</summary>
    private static string? Read(IConfiguration configuration, string dotted) =>
        configuration[dotted] ?? configuration[dotted.Replace('.', '_').Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()];

    private static string Seconds(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : value;

    /// <summary>
    /// A Spring Boot duration (<c>3m</c>, <c>180s</c>, <c>500ms</c>, <c>1h</c>, <c>2d</c>, ISO <c>PT3M</c>, or bare
    /// milliseconds) as a TimeSpan text; anything else is passed on as written, for the start-up check to refuse.
    /// </summary>
    private static string? Duration(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        if (text.StartsWith("PT", StringComparison.OrdinalIgnoreCase) || text.StartsWith('P'))
        {
            try
            {
                return Format(System.Xml.XmlConvert.ToTimeSpan(text));
            }
            catch (FormatException)
            {
                return value;
            }
        }

        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return value;
        }

        TimeSpan? span = text[digits..].ToLowerInvariant() switch
        {
            "" or "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
        return span is { } known ? Format(known) : value;
    }

    private static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
