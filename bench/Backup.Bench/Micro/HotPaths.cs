using Backup.Api.Contracts;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Bench.Micro;

/// <summary>
/// The steps a list request goes through, at the scale of the largest repository: 10,000 backups,
/// 60,000 snapshots. Run with <c>-- micro --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HotPaths
{
    private const int Backups = 10_000;

    private string[] _names = [];
    private Snapshot[] _snapshots = [];
    private IReadOnlyList<BackupReport> _reports = [];
    private IReadOnlyList<BackupReport> _namesOnlyReports = [];
    private Snapshot[] _oneBackup = [];
    private ISnapshotRepository _adapter = null!;
    private ISnapshotRepository _namesAdapter = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _namesServices = null!;

    [GlobalSetup]
    public void Setup()
    {
        var start = Seeding.FirstBackup;
        _snapshots = [.. Seeding.CompletedSnapshots(Backups)];
        _names = [.. _snapshots.Select(s => s.Name.ToString())];
        _reports = BackupCatalog.Group(_snapshots, Component.Operate, start.AddYears(2), TimeSpan.FromMinutes(5));
        _namesOnlyReports = BackupCatalog.Group(
            _snapshots.Select(s => new Snapshot(s.Name, s.EngineState, null, null, null)), Component.Operate, start.AddYears(2), TimeSpan.FromMinutes(5));
        _oneBackup = _snapshots[..6];
        _oneBackup[5] = _oneBackup[5] with { EngineState = "IN_PROGRESS", EndTime = null };

        _services = Adapter(CannedEngine.Listing(_snapshots.Take(SnapshotApiRepository.PageSize), verbose: true));
        _adapter = _services.GetRequiredService<ISnapshotRepository>();
        _namesServices = Adapter(CannedEngine.Listing(_snapshots, verbose: false));
        _namesAdapter = _namesServices.GetRequiredService<ISnapshotRepository>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _namesServices.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Backups * 6, Description = "SnapshotName.TryParse, per name")]
    public int ParseNames()
    {
        var parsed = 0;
        foreach (var name in _names)
        {
            parsed += SnapshotName.TryParse(name, out _) ? 1 : 0;
        }

        return parsed;
    }

    [Benchmark(OperationsPerInvoke = Backups * 6, Description = "SnapshotName.ToString, per name")]
    public int FormatNames()
    {
        var length = 0;
        foreach (var snapshot in _snapshots)
        {
            length += snapshot.Name.ToString().Length;
        }

        return length;
    }

    [Benchmark(Description = "BackupCatalog.Group, 60,000 snapshots into 10,000 backups")]
    public int GroupIntoBackups() => BackupCatalog.Group(_snapshots, Component.Operate, Seeding.FirstBackup.AddYears(2), TimeSpan.FromMinutes(5)).Count;

    [Benchmark(Description = "BackupReport.Of (state rules), one backup of 6 parts")]
    public BackupState DecideState() => BackupReport.Of(_oneBackup[0].Name.BackupId, _oneBackup, Seeding.FirstBackup, TimeSpan.FromMinutes(5)).State;

    [Benchmark(Description = "Adapter reads one engine page, 10,000 snapshots")]
    public async Task<int> ReadEnginePage() =>
        (await _adapter.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: true, CancellationToken.None)).Value.Count;

    [Benchmark(OperationsPerInvoke = Backups * 6, Description = "Adapter reads a names-only listing, per snapshot (60,000)")]
    public async Task<int> ReadNamesListing() =>
        (await _namesAdapter.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: false, CancellationToken.None)).Value.Count;

    [Benchmark(Description = "List answer written, 10,000 backups")]
    public Task<long> WriteListAnswer() => WriteAsync(_reports);

    [Benchmark(Description = "List answer written, 10,000 backups, names only")]
    public Task<long> WriteNamesOnlyListAnswer() => WriteAsync(_namesOnlyReports);

    private static async Task<long> WriteAsync(IReadOnlyList<BackupReport> reports)
    {
        var body = new CountingStream();
        var http = new DefaultHttpContext { Response = { Body = body } };
        await new BackupListResult(reports).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return body.Length;
    }

    private static ServiceProvider Adapter(byte[] answer)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<BackupOptions>(o => o.RepositoryName = Seeding.Repository);
        services.AddSnapshotApi(DatabaseType.Elasticsearch);
        services.AddHttpClient(Infrastructure.SnapshotApi.DependencyInjection.EngineClient)
            .ConfigurePrimaryHttpMessageHandler(() => new CannedEngine(answer));
        return services.BuildServiceProvider();
    }
}
