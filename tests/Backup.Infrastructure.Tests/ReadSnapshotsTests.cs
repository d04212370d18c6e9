using System.Net;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Backup.Tests.Shared;

namespace Backup.Infrastructure.Tests;

[TestFixture(DatabaseType.Elasticsearch)]
[TestFixture(DatabaseType.OpenSearch)]
public sealed class ReadSnapshotsTests(DatabaseType type)
{
    private const string Part1 = "camunda_operate_123_8.7.0_part_1_of_6";
    private const string Part2 = "camunda_operate_123_8.7.0_part_2_of_6";

    [TestCase("es8-get-snapshots.json")]
    [TestCase("es7-get-snapshots.json")]
    [TestCase("os2-get-snapshots.json")]
    public async Task Reads_the_engines_get_snapshots_answer(string fixture)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.SnapshotsNamed(fixture, Part1, Part2));

        var snapshots = (await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.Backup(Component.Operate, BackupId.Create(123).Value), verbose: true, CancellationToken.None)).Value;

        Assert.That(snapshots, Is.Not.Empty);
        var first = snapshots[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Name.ToString(), Is.EqualTo(Part1));
            Assert.That(first.State, Is.EqualTo(SnapshotState.Success));
            Assert.That(first.EngineState, Is.EqualTo("SUCCESS"));
            Assert.That(first.StartTime, Is.Not.Null);
            Assert.That(first.EndTime, Is.GreaterThanOrEqualTo(first.StartTime!.Value));
            Assert.That(first.Failures, Is.Empty);
        });
        var paging = type == DatabaseType.Elasticsearch ? "&sort=name&size=10000" : "";
        Assert.That(adapter.Engine.Requests.Single().PathAndQuery.Replace("%2A", "*", StringComparison.Ordinal),
            Is.EqualTo("/_snapshot/my_repository/camunda_operate_123_*?ignore_unavailable=true&filter_path=next,snapshots.snapshot,snapshots.state,"
                + $"snapshots.start_time_in_millis,snapshots.end_time_in_millis,snapshots.failures.reason{paging}"));
    }

    [Test]
    public async Task A_verbose_listing_on_elasticsearch_follows_the_engines_pages_until_the_last()
    {
        using var adapter = new Adapter(type);
        var pages = new Queue<string>([
            Page(next: "cGFnZTI=", "camunda_operate_1_8.7.0_part_1_of_6", "camunda_operate_1_8.7.0_part_2_of_6"),
            Page(next: null, "camunda_operate_2_8.7.0_part_1_of_6"),
        ]);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, type == DatabaseType.Elasticsearch ? pages.Dequeue() : Page(null, Part1));

        var snapshots = (await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: true, CancellationToken.None)).Value;

        var paths = adapter.Engine.Requests.Select(r => r.PathAndQuery).ToList();
        if (type == DatabaseType.OpenSearch)
        {
            Assert.That(paths, Has.Count.EqualTo(1), "OpenSearch has no paging: one read");
            Assert.That(paths[0], Does.Not.Contain("size="));
            return;
        }

        Assert.That(snapshots.Select(s => s.Name.ToString()), Is.EqualTo(new[]
        {
            "camunda_operate_1_8.7.0_part_1_of_6", "camunda_operate_1_8.7.0_part_2_of_6", "camunda_operate_2_8.7.0_part_1_of_6",
        }));
        Assert.That(paths, Has.Count.EqualTo(2));
        Assert.That(paths[0], Does.EndWith("&sort=name&size=10000"));
        Assert.That(paths[1], Does.EndWith("&sort=name&size=10000&after=cGFnZTI%3D"));
    }

    [Test]
    public async Task A_names_only_listing_is_one_read_without_paging_parameters_which_the_engine_refuses_there()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Page(next: null, Part1));

        await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: false, CancellationToken.None);

        Assert.That(adapter.Engine.Requests.Single().PathAndQuery, Does.Not.Contain("size=").And.Not.Contain("sort="));
    }

    [TestCase(true, 0)]
    [TestCase(false, null)]
    public async Task A_failures_list_the_filter_dropped_for_being_empty_reads_as_none_unless_only_names_were_asked_for(bool verbose, int? failures)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, $$"""{"snapshots":[{"snapshot":"{{Part1}}","state":"SUCCESS"}]}""");

        var snapshot = (await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose, CancellationToken.None)).Value.Single();

        Assert.That(snapshot.Failures?.Count, Is.EqualTo(failures));
    }

    [TestCase("es-snapshot-status-in-progress.json", true, 658d / 5412)]
    [TestCase("es-snapshot-status.json", false, null)]
    [TestCase("os-snapshot-status.json", false, null)]
    public async Task Progress_comes_from_the_status_api(string fixture, bool running, double? done)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text(fixture));
        Assert.That(SnapshotName.TryParse(Part1, out var name), Is.True);

        var progress = (await adapter.Repository.GetSnapshotProgressAsync(name, CancellationToken.None)).Value;

        Assert.That(progress!.IsRunning, Is.EqualTo(running));
        if (done is { } share)
        {
            Assert.That(progress.Done, Is.EqualTo(share).Within(1e-9));
        }

        Assert.That(adapter.Engine.Requests.Single().PathAndQuery, Is.EqualTo($"/_snapshot/my_repository/{Part1}/_status"));
    }

    [Test]
    public async Task The_progress_of_a_missing_snapshot_reads_as_none()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.NotFound, Fixtures.Text("es-error-snapshot-missing.json"));
        Assert.That(SnapshotName.TryParse(Part1, out var name), Is.True);

        var progress = await adapter.Repository.GetSnapshotProgressAsync(name, CancellationToken.None);

        Assert.That(progress.IsSuccess, Is.True);
        Assert.That(progress.Value, Is.Null);
    }

    private static string Page(string? next, params string[] names)
    {
        var page = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.SnapshotsNamed("es8-get-snapshots.json", names))!.AsObject();
        var snapshots = page["snapshots"]!.AsArray();
        while (snapshots.Count > names.Length)
        {
            snapshots.RemoveAt(snapshots.Count - 1);
        }

        if (next is not null)
        {
            page["next"] = next;
        }

        return page.ToJsonString();
    }

    [Test]
    public async Task Snapshots_this_service_did_not_name_are_left_out()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK,
            Fixtures.SnapshotsNamed("es8-get-snapshots.json", "daily-snap-2019.04.24-gwrqoo2xtea3q57vvg0uea", "camunda_operate_abc_8.7.0_part_1_of_6", Part1));

        var snapshots = (await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: true, CancellationToken.None)).Value;

        Assert.That(snapshots.Select(s => s.Name.ToString()), Is.EqualTo(new[] { Part1 }));
    }

    [Test]
    public async Task A_names_only_listing_asks_for_verbose_false()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, """{"snapshots":[]}""");

        await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: false, CancellationToken.None);

        Assert.That(adapter.Engine.Requests.Single().PathAndQuery, Does.EndWith("verbose=false"));
    }

    [TestCase("es-error-repository-missing.json")]
    [TestCase("os-error-repository-missing.json")]
    public async Task A_missing_repository_is_not_found_and_says_which(string fixture)
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.NotFound, Fixtures.Text(fixture));

        var listed = await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: true, CancellationToken.None);

        Assert.That(listed.Error!.Kind, Is.EqualTo(ErrorKind.NotFound));
        Assert.That(listed.Error.Message, Does.StartWith("No repository with name [my_repository] could be found."));
    }

    [Test]
    public async Task A_missing_snapshot_reads_as_none()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.NotFound, Fixtures.Text("es-error-snapshot-missing.json"));
        Assert.That(SnapshotName.TryParse(Part1, out var name), Is.True);

        var read = await adapter.Repository.GetSnapshotAsync(name, CancellationToken.None);

        Assert.That(read.IsSuccess, Is.True);
        Assert.That(read.Value, Is.Null);
    }

    [Test]
    public async Task A_refused_permission_names_the_credentials_settings()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.Forbidden, Fixtures.Text("os-error-security-403.json"));

        var listed = await adapter.Repository.GetRunningSnapshotsAsync(CancellationToken.None);

        Assert.That(listed.Error!.Kind, Is.EqualTo(ErrorKind.EngineFailure));
        Assert.That(listed.Error.Message, Does.Contain("security_exception").And.Contain("Database:Username"));
    }

    [Test]
    public async Task Reads_are_retried_a_bounded_number_of_times_then_fail_with_the_engines_reason()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.InternalServerError, Fixtures.Text("es-error-generic-400.json"));

        var listed = await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: true, CancellationToken.None);

        Assert.That(listed.Error!.Kind, Is.EqualTo(ErrorKind.EngineFailure));
        Assert.That(adapter.Engine.Requests, Has.Count.EqualTo(3), "one try and two retries");
    }

    [Test]
    public async Task A_refused_connection_is_the_engine_being_unreachable_and_names_the_url()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => throw new HttpRequestException("Connection refused (engine.invalid:9200)");

        var listed = await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: true, CancellationToken.None);

        Assert.That(listed.Error!.Kind, Is.EqualTo(ErrorKind.EngineUnreachable));
        Assert.That(listed.Error.Message, Does.Contain("http://engine.invalid:9200/").And.Contain("Connection refused"));
    }

    [Test]
    public async Task Indices_come_from_resolve_index()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text("es-resolve-index.json"));

        var indices = (await adapter.Repository.GetIndicesAsync("operate-*", CancellationToken.None)).Value;

        Assert.That(indices, Is.EqualTo(new[] { "foo_closed", "freeze-index", "remoteCluster1:bar-01" }));
        Assert.That(adapter.Engine.Requests.Single().PathAndQuery, Does.StartWith("/_resolve/index/operate-"));
    }
}
