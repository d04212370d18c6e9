using System.Net;
using System.Text.RegularExpressions;
using Backup.Api.Security;
using Backup.Application;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.Api.Configuration;

/// <summary>
/// Reads and checks the configuration once, before anything starts, so that a mistake stops start-up with one line
/// that names the setting, rather than surfacing later as failed backups.
/// </summary>
public sealed partial record StartupCheck(
    BackupOptions Backup, DatabaseOptions Database, ManagementAuthOptions Auth, IPAddress? Address, int Port, IReadOnlyList<string> Problems)
{
    public static StartupCheck Read(IConfiguration configuration)
    {
        List<string> problems = [.. ChoiceProblem<Component>(configuration, "Backup:Component"), .. ChoiceProblem<DatabaseType>(configuration, "Database:Type")];
        var backup = Bind<BackupOptions>(configuration, BackupOptions.Section, problems);
        var database = Bind<DatabaseOptions>(configuration, DatabaseOptions.Section, problems);
        var auth = Bind<ManagementAuthOptions>(configuration, ManagementAuthOptions.Section, problems);
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

        if (!SnapshotName.IsValidVersion(backup.Version))
        {
            problems.Add($"Backup:Version '{backup.Version}' cannot be written into a snapshot name: use lower-case letters, digits, '.', '-' or '+' (e.g. 8.7.2)");
        }

        if (!IndexPrefixPattern().IsMatch(backup.EffectiveIndexPrefix))
        {
            problems.Add($"Backup:IndexPrefix '{backup.IndexPrefix}' is not a valid index prefix: use lower-case letters, digits, '.', '_' or '-'");
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

        if (!database.Url.IsAbsoluteUri || database.Url.Scheme is not ("http" or "https"))
        {
            problems.Add($"Database:Url must be an absolute http or https URL, not '{database.Url}'");
        }

        if (database.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Database:RequestTimeout must be positive (e.g. 00:00:05)");
        }

        if (auth.ApiKeys.Exists(k => k.Key.Length < 16))
        {
            problems.Add("Management:Auth:ApiKeys: every Key must be at least 16 characters long");
        }

        if (auth.Users.Exists(u => u.Username.Length == 0 || u.Password.Length == 0))
        {
            problems.Add("Management:Auth:Users: every user needs a Username and a Password");
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
                problems.Add($"{section}: {exception.InnerException?.Message ?? exception.Message} (Rights take Read or Write)");
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

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexPrefixPattern();
}
