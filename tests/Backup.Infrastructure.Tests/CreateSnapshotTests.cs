using System.Net;
using System.Text.Json.Nodes;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Backup.Tests.Shared;

namespace Backup.Infrastructure.Tests;

[TestFixture(DatabaseType.Elasticsearch)]
[TestFixture(DatabaseType.OpenSearch)]
public sealed class CreateSnapshotTests(DatabaseType type)
{
    private static readonly SnapshotName Part1 =
        new(Component.Operate, BackupId.Create(123).Value, "8.7.0", 1, 6);

    [Test]
    public async Task Create_sends_the_originals_request_without_waiting_for_completion()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text("es-create-accepted.json"));

        var created = await adapter.Repository.CreateSnapshotAsync(
            new SnapshotRequest(Part1, ["operate-import-position-8.3.0_"], IncludeGlobalState: true), CancellationToken.None);

        Assert.That(created.Value, Is.EqualTo(SnapshotCreation.Accepted));
        var (method, path, body) = adapter.Engine.Requests.Single();
        Assert.That(method, Is.EqualTo(HttpMethod.Put));
        Assert.That(path, Is.EqualTo("/_snapshot/my_repository/camunda_operate_123_8.7.0_part_1_of_6?wait_for_completion=false"));
        var json = JsonNode.Parse(body)!;
        Assert.Multiple(() =>
        {
            Assert.That(json["indices"]!.AsArray().Select(i => (string)i!), Is.EqualTo(new[] { "operate-import-position-8.3.0_" }));
            Assert.That((bool)json["ignore_unavailable"]!, Is.False);
            Assert.That((bool)json["include_global_state"]!, Is.True);
            Assert.That(json["metadata"]!.ToJsonString(), Is.EqualTo("""{"backupId":123,"version":"8.7.0","partNo":1,"partCount":6}"""));
        });
    }

    [Test]
    public async Task Only_Elasticsearch_is_asked_to_leave_feature_states_out()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text("os-create-accepted.json"));

        await adapter.Repository.CreateSnapshotAsync(new SnapshotRequest(Part1, ["x"], false), CancellationToken.None);

        var body = JsonNode.Parse(adapter.Engine.Requests.Single().Body)!.AsObject();
        if (type == DatabaseType.Elasticsearch)
        {
            Assert.That(body["feature_states"]!.AsArray().Select(f => (string)f!), Is.EqualTo(new[] { "none" }));
        }
        else
        {
            Assert.That(body.ContainsKey("feature_states"), Is.False, "OpenSearch has no feature_states field");
        }
    }

    [TestCase("es-snapshot-name-in-use.json")]
    [TestCase("es-invalid-snapshot-name.json")]
    public async Task A_name_the_engine_already_has_reads_as_name_in_use(string fixture)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.BadRequest, Fixtures.Text(fixture));

        var created = await adapter.Repository.CreateSnapshotAsync(new SnapshotRequest(Part1, ["x"], true), CancellationToken.None);

        Assert.That(created.Value, Is.EqualTo(SnapshotCreation.NameInUse));
    }

    [TestCase("es-invalid-snapshot-name-uppercase.json", HttpStatusCode.BadRequest, "must be lowercase")]
    [TestCase("es-concurrent-snapshot.json", HttpStatusCode.ServiceUnavailable, "concurrent_snapshot_execution_exception")]
    [TestCase("es-error-generic-400.json", HttpStatusCode.BadRequest, "illegal_argument_exception")]
    public async Task Other_engine_errors_are_engine_failures_with_the_engines_reason(string fixture, HttpStatusCode status, string expected)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(status, Fixtures.Text(fixture));

        var created = await adapter.Repository.CreateSnapshotAsync(new SnapshotRequest(Part1, ["x"], true), CancellationToken.None);

        Assert.That(created.Error!.Kind, Is.EqualTo(ErrorKind.EngineFailure));
        Assert.That(created.Error.Message, Does.Contain(expected).And.Contain(Part1.ToString()));
    }

    [Test]
    public async Task A_create_is_never_repeated_blindly()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.ServiceUnavailable, Fixtures.Text("es-concurrent-snapshot.json"));

        await adapter.Repository.CreateSnapshotAsync(new SnapshotRequest(Part1, ["x"], true), CancellationToken.None);

        Assert.That(adapter.Engine.Requests, Has.Count.EqualTo(1));
    }
}
