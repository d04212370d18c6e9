using System.Net;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Backup.Tests.Shared;

namespace Backup.Infrastructure.Tests;

[TestFixture(DatabaseType.Elasticsearch)]
[TestFixture(DatabaseType.OpenSearch)]
public sealed class DeleteSnapshotsTests(DatabaseType type)
{
    [Test]
    public async Task Deletes_exactly_the_named_snapshots_in_one_request()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text("es-delete-snapshot-ack.json"));
        var id = BackupId.Create(12).Value;
        SnapshotName[] names = [new(Component.Operate, id, "8.7.0", 1, 6), new(Component.Operate, id, "8.6.0", 2, 6)];

        var deleted = await adapter.Repository.DeleteSnapshotsAsync(names, CancellationToken.None);

        Assert.That(deleted.IsSuccess, Is.True);
        var (method, path, _) = adapter.Engine.Requests.Single();
        Assert.That(method, Is.EqualTo(HttpMethod.Delete));
        Assert.That(path, Is.EqualTo("/_snapshot/my_repository/camunda_operate_12_8.7.0_part_1_of_6,camunda_operate_12_8.6.0_part_2_of_6"));
        Assert.That(path, Does.Not.Contain("*"));
    }

    [Test]
    public void Deleting_no_snapshot_is_refused_before_it_can_become_a_pattern()
    {
        using var adapter = new Adapter(type);

        Assert.ThrowsAsync<ArgumentException>(() => adapter.Repository.DeleteSnapshotsAsync([], CancellationToken.None));
        Assert.That(adapter.Engine.Requests, Is.Empty);
    }

    /// <summary>
    /// Each answer here is one the resilience pipeline retries on a read (see <see cref="A_read_that_fails_the_same_way_is_retried"/>):
    /// a delete that was retried would show a second request.
    /// </summary>
    [TestCase(HttpStatusCode.InternalServerError, ErrorKind.EngineFailure)]
    [TestCase(HttpStatusCode.ServiceUnavailable, ErrorKind.EngineFailure)]
    [TestCase(null, ErrorKind.EngineUnreachable)]
    public async Task A_failed_delete_is_not_repeated(HttpStatusCode? status, ErrorKind kind)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = Failing(status);

        var deleted = await adapter.Repository.DeleteSnapshotsAsync(
            [new SnapshotName(Component.Operate, BackupId.Create(12).Value, "8.7.0", 1, 6)], CancellationToken.None);

        Assert.That(deleted.Error!.Kind, Is.EqualTo(kind));
        Assert.That(adapter.Engine.Requests, Has.Count.EqualTo(1));
    }

    /// <summary>The control for the test above: the same failures on a read are retried, so this adapter can show a retry.</summary>
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(null)]
    public async Task A_read_that_fails_the_same_way_is_retried(HttpStatusCode? status)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = Failing(status);

        var read = await adapter.Repository.GetSnapshotAsync(
            new SnapshotName(Component.Operate, BackupId.Create(12).Value, "8.7.0", 1, 6), CancellationToken.None);

        Assert.That(read.IsSuccess, Is.False);
        Assert.That(adapter.Engine.Requests, Has.Count.GreaterThan(1));
    }

    /// <summary>An error answer with a status, or (null) a connection that breaks before any answer.</summary>
    private static Func<HttpRequestMessage, HttpResponseMessage> Failing(HttpStatusCode? status) => status is { } code
        ? _ => StubEngine.Json(code, Fixtures.Text("es-error-generic-400.json"))
        : _ => throw new HttpRequestException("connection reset");
}
