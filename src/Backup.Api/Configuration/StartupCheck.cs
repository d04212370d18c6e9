using System.Net;
using Backup.Api.Security;
using Backup.Application;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.Api.Configuration;

/// <summary>
/// Reads and checks the configuration once, before anything starts, so that a mistake stops start-up with one line
/// that names the setting, rather than surfacing later as failed backups. The options classes' rules live beside them
/// (<see cref="BackupOptionsValidation"/>, <see cref="DatabaseOptionsValidation"/>); what is checked only here is what
/// no options class holds: the port, the address, the auth settings, legacy keys and enum names said in the
/// setting's words.
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

        // The options' own rules, read here too so that a mistake stops start-up with one line before anything starts.
        problems.AddRange(BackupOptionsValidation.Problems(backup));
        problems.AddRange(DatabaseOptionsValidation.Problems(database));

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
