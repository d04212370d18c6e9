using System.Globalization;
using Backup.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Backup.EndToEnd.Tests;

/// <summary>The real service (its own Program) on a loopback port, configured for one engine and component.</summary>
internal sealed class ServiceHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private ServiceHost(Dictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel();
    }

    public static BackupApi Start(EngineTarget engine, Component component, Action<Dictionary<string, string?>>? adjust = null) =>
        Start(engine.Url, engine, component, adjust);

    /// <summary>The service pointed at <paramref name="engineUrl"/>, which need not be where the engine is.</summary>
    public static BackupApi Start(Uri engineUrl, EngineTarget engine, Component component, Action<Dictionary<string, string?>>? adjust = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Backup:Component"] = component.Name(),
            ["Backup:RepositoryName"] = engine.Repository,
            ["Backup:IndexPrefix"] = EngineTarget.PrefixFor(component),
            ["Backup:MaxPollInterval"] = "00:00:00.200",
            ["Database:Type"] = engine.Type.ToString(),
            ["Database:Url"] = engineUrl.ToString(),
            ["Database:Username"] = engine.Username,
            ["Database:Password"] = engine.Password,
            ["Database:RequestTimeout"] = TimeSpan.FromSeconds(5).ToString("c", CultureInfo.InvariantCulture),
            ["Management:Server:Address"] = "127.0.0.1",
            ["Management:Server:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        adjust?.Invoke(settings);
        var host = new ServiceHost(settings);
        host.StartServer();
        return new BackupApi(host, host.CreateClient());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
