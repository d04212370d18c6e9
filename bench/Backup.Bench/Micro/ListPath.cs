using Backup.Api.Contracts;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Application.Backups.ListBackups;
using Backup.Infrastructure.SnapshotApi;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backup.Bench.Micro;

/// <summary>
/// A whole <c>GET /actuator/backups</c> inside the service, at the size users have (1,000 backups, 6,000 snapshots)
/// and at 10,000, where the collector takes close to half of it: the engine's answer read and decoded, the backups grouped
/// and decided, the answer written. Only the two HTTP hops are left out, so this is the service's own CPU for a list,
/// allocations and collections included.
/// </summary>
[MemoryDiagnoser]
public class ListPath
{
    private ServiceProvider _services = null!;
    private ListBackupsHandler _handler = null!;

    [Params(true, false)]
    public bool Verbose { get; set; }

    [Params(1_000, 10_000)]
    public int Backups { get; set; } = 1_000;

    [GlobalSetup]
    public void Setup()
    {
        var answer = CannedEngine.Listing(Seeding.CompletedSnapshots(Backups), Verbose);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.Configure<BackupOptions>(o => o.RepositoryName = Seeding.Repository);
        services.AddBackupApplication();
        services.AddSnapshotApi(DatabaseType.Elasticsearch);
        services.AddHttpClient(Infrastructure.SnapshotApi.DependencyInjection.EngineClient)
            .ConfigurePrimaryHttpMessageHandler(() => new CannedEngine(answer));
        _services = services.BuildServiceProvider();
        _handler = new ListBackupsHandler(
            _services.GetRequiredService<ISnapshotRepository>(),
            _services.GetRequiredService<SharedListings>(),
            _services.GetRequiredService<IOptions<BackupOptions>>(),
            TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "List, read to written")]
    public async Task<long> List()
    {
        var backups = await _handler.Handle(new ListBackupsQuery(Verbose.ToString(), null), CancellationToken.None);
        var body = new CountingStream();
        var http = new DefaultHttpContext { Response = { Body = body } };
        await new BackupListResult(backups.Value).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return body.Length;
    }
}
