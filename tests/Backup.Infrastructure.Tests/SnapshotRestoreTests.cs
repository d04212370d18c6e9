using System.Net;
using System.Text.Json.Nodes;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Backup.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Infrastructure.Tests;

/// <summary>The restore adapter against the official restore payloads: what it sends, and how it reads the answers.</summary>
[TestFixture(DatabaseType.Elasticsearch)]
[TestFixture(DatabaseType.OpenSearch)]
public sealed class SnapshotRestoreTests(DatabaseType type)
{
    private static readonly SnapshotName Part2 = new(Component.Operate, BackupId.Create(12).Value, "8.7.0", 2, 6);

    private ServiceProvider _provider = null!;
    private StubEngine _engine = null!;
    private ISnapshotRestore _restore = null!;

    [SetUp]
    public void SetUp()
    {
        _engine = new StubEngine();
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<BackupOptions>(o => o.RepositoryName = "my_repository");
        services.Configure<DatabaseOptions>(o =>
        {
            o.Type = type;
            o.Url = new Uri("http://engine.invalid:9200/");
        });
        services.AddSnapshotApi(type);

        services.AddSnapshotRestore();
        services.AddHttpClient(SnapshotApi.DependencyInjection.EngineClient).ConfigurePrimaryHttpMessageHandler(() => _engine);
        services.AddHttpClient(RestoreDependencyInjection.RestoreClient).ConfigurePrimaryHttpMessageHandler(() => _engine);
        _provider = services.BuildServiceProvider();
        _restore = _provider.GetRequiredService<ISnapshotRestore>();
    }

    [TearDown]
    public void TearDown()
    {
        _provider.Dispose();
        _engine.Dispose();
    }

    [Test]
    public async Task A_part_is_restored_by_exact_index_names_without_global_state_and_waited_for()
    {
        _engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text("os-restore-wait-true.json"));

        var restored = await _restore.RestoreSnapshotAsync(Part2.ToString(), ["operate-list-view-8.3.0_", "operate-list-view-8.3.0_2024-01-15"], CancellationToken.None);

        Assert.That(restored.IsSuccess, Is.True, restored.Error?.Message);
        var (method, path, body) = _engine.Requests.Single();
        Assert.That(method, Is.EqualTo(HttpMethod.Post));
        Assert.That(path, Is.EqualTo($"/_snapshot/my_repository/{Part2}/_restore?wait_for_completion=true"));
        var sent = JsonNode.Parse(body)!.AsObject();
        Assert.That((string?)sent["indices"], Is.EqualTo("operate-list-view-8.3.0_,operate-list-view-8.3.0_2024-01-15"));
        Assert.That((bool?)sent["include_global_state"], Is.False);
        Assert.That((bool?)sent["ignore_unavailable"], Is.False);
        var official = Fixtures.Load(type == DatabaseType.OpenSearch ? "os-restore-request.json" : "es-restore-request.json").AsObject();
        Assert.That(sent.Select(p => p.Key), Is.SubsetOf(official.Select(p => p.Key)), "only fields the official request uses");
    }

    [Test]
    public async Task An_existing_index_refusal_becomes_an_engine_failure_with_the_engines_reason()
    {
        _engine.Answer = _ => StubEngine.Json(HttpStatusCode.InternalServerError, Fixtures.Text("os-error-restore-index-exists.json"));

        var restored = await _restore.RestoreSnapshotAsync(Part2.ToString(), ["operate-list-view-8.3.0_"], CancellationToken.None);

        Assert.That(restored.Error!.Kind, Is.EqualTo(ErrorKind.EngineFailure));
        Assert.That(restored.Error.Message, Does.Contain("snapshot_restore_exception").And.Contain("an open index with same name already exists"));
        Assert.That(_engine.Requests, Has.Count.EqualTo(1), "a restore is never repeated");
    }

    [Test]
    public async Task Each_snapshots_indices_are_read_from_the_snapshot_info()
    {
        var fixture = type == DatabaseType.OpenSearch ? "os2-get-snapshots.json" : "es8-get-snapshots.json";
        _engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.SnapshotsNamed(fixture, Part2.ToString(), "not-ours"));

        var contents = await _restore.GetSnapshotIndicesAsync(SnapshotSelection.Backup(Component.Operate, BackupId.Create(12).Value), CancellationToken.None);

        var expected = Fixtures.Load(fixture)["snapshots"]![0]!["indices"]!.AsArray().Select(i => (string)i!);
        Assert.That(contents.Value.Keys, Is.EqualTo(new[] { Part2 }), "snapshots this service did not name are left out");
        Assert.That(contents.Value[Part2], Is.EqualTo(expected));
        Assert.That(_engine.Requests.Single().PathAndQuery, Is.EqualTo("/_snapshot/my_repository/camunda_operate_12_%2A?ignore_unavailable=true"));
    }

    [Test]
    public async Task Indices_are_deleted_by_exact_name_in_requests_short_enough_for_the_engine()
    {
        _engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, """{"acknowledged":true}""");
        var names = Enumerable.Range(0, 200).Select(i => $"operate-list-view-8.3.0_2024-01-{i:000}").ToList();

        var deleted = await _restore.DeleteIndicesAsync(names, CancellationToken.None);

        Assert.That(deleted.IsSuccess, Is.True);
        Assert.That(_engine.Requests, Has.Count.GreaterThan(1));
        Assert.That(_engine.Requests.Select(r => r.Method), Is.All.EqualTo(HttpMethod.Delete));
        Assert.That(_engine.Requests.Select(r => r.PathAndQuery.Length), Is.All.LessThan(3100));
        Assert.That(_engine.Requests.SelectMany(r => r.PathAndQuery.TrimStart('/').Split(',')), Is.EqualTo(names));
    }

    [TestCase("operate-*")]
    [TestCase("_all")]
    [TestCase("")]
    public void A_pattern_is_never_deleted(string name)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _restore.DeleteIndicesAsync(["operate-list-view-8.3.0_", name], CancellationToken.None));
        Assert.That(_engine.Requests, Is.Empty);
    }
}
