using System.Globalization;
using Backup.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.EndToEnd.Tests;

/// <summary>The real service (its own Program) on a loopback port, configured for one engine and component.</summary>
internal sealed class ServiceHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private ServiceHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
        UseKestrel();
    }

    /// <param name="services">May replace or add some of the service's services.</param>
    public static BackupApi Start(
        EngineTarget engine, Component component, Action<Dictionary<string, string?>>? adjust = null, Action<IServiceCollection>? services = null)
        => Start(engine.Url, engine, component, adjust, services);

    /// <summary>The service pointed at <paramref name="engineUrl"/>, which need not be where the engine is.</summary>
    public static BackupApi Start(
        Uri engineUrl, EngineTarget engine, Component component, Action<Dictionary<string, string?>>? adjust = null, Action<IServiceCollection>? services = null)
    {
        var host = Create(engineUrl, engine, component, adjust, services);
        host.StartServer();
        return new BackupApi(host, host.CreateClient());
    }

    /// <summary>The service, not started yet; <paramref name="services"/> may replace some of its services.</summary>
    public static ServiceHost Create(
        Uri engineUrl, EngineTarget engine, Component component, Action<Dictionary<string, string?>>? adjust = null, Action<IServiceCollection>? services = null)
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
        return new ServiceHost(settings, services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
