using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Infrastructure.Tests;

/// <summary>An adapter wired exactly as the service wires it (resilience pipeline included), over a <see cref="StubEngine"/>.</summary>
internal sealed class Adapter : IDisposable
{
    private readonly ServiceProvider _provider;

    public Adapter(DatabaseType type, TimeSpan? requestTimeout = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Backup.Application.Observing.BackupMetrics>();
        services.Configure<BackupOptions>(o => o.RepositoryName = "my_repository");
        services.Configure<DatabaseOptions>(o =>
        {
            o.Type = type;
            o.Url = new Uri("http://engine.invalid:9200/");
            o.RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5);
        });
        services.AddSnapshotApi(type);

        services.AddHttpClient(SnapshotApi.DependencyInjection.EngineClient).ConfigurePrimaryHttpMessageHandler(() => Engine);
        _provider = services.BuildServiceProvider();
        Repository = _provider.GetRequiredService<ISnapshotRepository>();
    }

    public StubEngine Engine { get; } = new();

    public ISnapshotRepository Repository { get; }

    public IEngineProbe Probe => _provider.GetRequiredService<IEngineProbe>();
    public IServiceProvider Services => _provider;

    internal EngineCalls Calls => _provider.GetRequiredService<EngineCalls>();

    public void Dispose() => _provider.Dispose();
}
