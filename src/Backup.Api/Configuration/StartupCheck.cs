using System.Net;
using Backup.Api.Security;
using Backup.Application;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.Options;

namespace Backup.Api.Configuration;

/// <summary>
/// Checks the configuration before anything is served, so that a mistake stops start-up with one line that names the
/// setting, rather than surfacing later as failed backups. The options classes are read as the service's container
/// binds them, once, and checked by the validators beside them (<see cref="BackupOptionsValidation"/>,
/// <see cref="DatabaseOptionsValidation"/>); what is checked only here is what no options class holds: the port, the
/// address, the auth settings, legacy keys and enum names said in the setting's words.
/// </summary>
public sealed record StartupCheck(
    BackupOptions Backup, DatabaseOptions Database, ManagementAuthOptions Auth, IPAddress? Address, int Port, IReadOnlyList<string> Problems)
{
    /// <param name="services">A container with <see cref="DependencyInjection.AddServiceOptions"/>: the one binding of the options.</param>
    public static StartupCheck Read(IConfiguration configuration, IServiceProvider services)
    {
        List<string> problems = [.. ChoiceProblem<Component>(configuration, "Backup:Component"), .. ChoiceProblem<DatabaseType>(configuration, "Database:Type")];
        var backup = Resolve<BackupOptions>(services, BackupOptions.Section, problems);
        var database = Resolve<DatabaseOptions>(services, DatabaseOptions.Section, problems);
        var auth = ManagementAuthSettings.Read(configuration, problems);
        var (address, port) = ReadEndpoint(configuration, problems);
        problems.AddRange(LegacyKeys.Disagreements(configuration));
        return new StartupCheck(backup, database, auth, address, port, problems);
    }

    /// <summary>
    /// Where the management port listens, for Kestrel, which reads it while the host is built: before the check can
    /// run. A bad setting is the check's to report; it stops start-up before anything listens.
    /// </summary>
    public static (IPAddress? Address, int Port) EndpointOf(IConfiguration configuration) => ReadEndpoint(configuration, []);

    private static (IPAddress? Address, int Port) ReadEndpoint(IConfiguration configuration, List<string> problems)
    {
        var port = 9600;
        if (configuration["Management:Server:Port"] is { } portText && (!int.TryParse(portText, out port) || port is < 0 or > 65535))
        {
            problems.Add($"Management:Server:Port must be a port number from 1 to 65535 (0 picks a free one), not '{portText}'");
            port = 9600;
        }

        IPAddress? address = null;
        if (configuration["Management:Server:Address"] is { Length: > 0 } addressText && addressText != "*" && !IPAddress.TryParse(addressText, out address))
        {
            problems.Add($"Management:Server:Address must be an IP address such as 127.0.0.1, or * for all interfaces, not '{addressText}'");
        }

        return (address, port);
    }

    /// <summary>
    /// The engine family whose adapter the container is built with, before the options can be read from it; a
    /// misspelt name is the check's to report, and builds the default meanwhile.
    /// </summary>
    public static DatabaseType EngineTypeOf(IConfiguration configuration) =>
        Enum.TryParse<DatabaseType>(configuration["Database:Type"], ignoreCase: true, out var type) && Enum.IsDefined(type) ? type : default;

    /// <summary>The options as the container binds and validates them; their problems said once each.</summary>
    private static T Resolve<T>(IServiceProvider services, string section, List<string> problems)
        where T : class, new()
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException exception)
        {
            problems.AddRange(exception.Failures);
            return new T();
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
