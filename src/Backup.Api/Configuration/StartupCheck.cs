using System.Net;
using Backup.Api.Security;
using Backup.Application;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.Api.Configuration;

/// <summary>
/// Reads and checks the configuration once, before anything starts, so that a mistake stops start-up with one line
/// that names the setting, rather than surfacing later as failed backups.
/// </summary>
public sealed record StartupCheck(
    BackupOptions Backup, DatabaseOptions Database, ManagementAuthOptions Auth, IPAddress? Address, int Port, IReadOnlyList<string> Problems)
{
    public static StartupCheck Read(IConfiguration configuration)
    {
        List<string> problems = [.. ChoiceProblem<Component>(configuration, "Backup:Component"), .. ChoiceProblem<DatabaseType>(configuration, "Database:Type")];
        var backup = Bind<BackupOptions>(configuration, BackupOptions.Section, problems);
        var database = Bind<DatabaseOptions>(configuration, DatabaseOptions.Section, problems);
        var auth = ManagementAuthSettings.Read(configuration, problems);
        var port = 9600;
        if (configuration["Management:Server:Port"] is { } portText && (!int.TryParse(portText, out port) || port is < 0 or > 65535))
        {
            problems.Add($"Management:Server:Port must be a port number from 1 to 65535 (0 picks a free one), not '{portText}'");
        }

        IPAddress? address = null;
        if (configuration["Management:Server:Address"] is { Length: > 0 } addressText && addressText != "*" && !IPAddress.TryParse(addressText, out address))
        {
            problems.Add($"Management:Server:Address must be an IP address such as 127.0.0.1, or * for all interfaces, not '{addressText}'");
        }

        problems.AddRange(LegacyKeys.Disagreements(configuration));

        if (!SnapshotName.IsValidVersion(backup.EffectiveVersion))
        {
            problems.Add($"Backup:Version '{backup.EffectiveVersion}' cannot be written into a snapshot name: use lower-case letters, digits, '.', '-' or '+' (e.g. 8.7.2)");
        }

        if (backup.IndexPrefixProblem is { } prefixProblem)
        {
            problems.Add(prefixProblem);
        }

        if (backup.RepositoryNameProblem is { } repositoryProblem)
        {
            problems.Add(repositoryProblem);
        }

        if (backup.IncompleteCheckTimeout <= TimeSpan.Zero)
        {
            problems.Add("Backup:IncompleteCheckTimeout must be positive (e.g. 00:05:00)");
        }

        if (backup.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Backup:RequestTimeout must be positive (e.g. 00:00:20)");
        }

        if (backup.MaxPollInterval <= TimeSpan.Zero)
        {
            problems.Add("Backup:MaxPollInterval must be positive (e.g. 00:00:05)");
        }

        problems.AddRange(backup.Schedule.Problems());
        problems.AddRange(backup.Retention.Problems());

        if (UrlCredentials.AreIn(database.Url))
        {
            problems.Add($"Database:Url '{UrlCredentials.Hide(database.Url)}' carries credentials, which would be shown wherever the URL is: put them in Database:Username and Database:Password (or Database:ApiKey)");
        }
        else if (!database.Url.IsAbsoluteUri || database.Url.Scheme is not ("http" or "https"))
        {
            problems.Add($"Database:Url must be an absolute http or https URL, not '{database.Url}'");
        }

        if (database.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Database:RequestTimeout must be positive (e.g. 00:00:05)");
        }

        return new StartupCheck(backup, database, auth, address, port, problems);
    }

    private static T Bind<T>(IConfiguration configuration, string section, List<string> problems)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException exception)
        {
            if (!problems.Exists(p => p.StartsWith($"{section}:", StringComparison.Ordinal)))
            {
                problems.Add($"{section}: {exception.InnerException?.Message ?? exception.Message}");
            }

            return new T();
        }
    }

    /// <summary>A setting that takes one of an enum's names, said in the setting's words rather than the binder's type names.</summary>
    private static IEnumerable<string> ChoiceProblem<TEnum>(IConfiguration configuration, string key)
        where TEnum : struct, Enum
    {
        if (configuration[key] is { Length: > 0 } value && (!Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)))
        {
            var names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToList();
            yield return $"{key} must be {string.Join(", ", names[..^1])} or {names[^1]}, not '{value}'";
        }
    }
}
