using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// The engine calls beyond the service's own that the tool, an operator or the Camunda docs make around a backup
/// (status of a missing snapshot, restore over an open or a closed index, closed indices and aliases in
/// <c>_resolve/index</c>, the <c>_cat</c> text tables, cluster health, repository cleanup, an unknown parameter),
/// checked on the target engine: the emulator, or the real engine named by BACKUP_E2E_ENGINE_URL.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class EngineCallsTests(EngineFlavor flavor)
{
    private EngineTarget _engine = null!;
    private string _prefix = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        _prefix = EngineTarget.PrefixFor(Component.Operate);
    }

    [TearDown]
    public async Task StopAsync() => await _engine.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _engine.Rest.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A snapshot of one fresh index, named like a backup part so that the target deletes it at the end.</summary>
    private async Task<(string Index, string Snapshot)> SnapshotOfOneIndexAsync()
    {
        var index = $"{_prefix}-calls-{_engine.NewBackupId()}";
        await _engine.CreateIndexAsync(index);
        var snapshot = $"camunda_operate_{_engine.NewBackupId()}_8.7.0_part_1_of_6";
        await _engine.CreateForeignSnapshotAsync(snapshot, index);
        return (index, snapshot);
    }

    [Test]
    public async Task Status_of_a_missing_snapshot_is_404_or_an_empty_list_when_unavailable_ones_are_ignored()
    {
        var missing = $"camunda_operate_{_engine.NewBackupId()}_8.7.0_part_1_of_6";

        var (status, _) = await SendAsync(HttpMethod.Get, $"_snapshot/{_engine.Repository}/{missing}/_status");
        var (ignoredStatus, ignored) = await SendAsync(HttpMethod.Get, $"_snapshot/{_engine.Repository}/{missing}/_status?ignore_unavailable=true");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(ignoredStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.Parse(ignored)!["snapshots"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Restore_over_an_open_index_is_refused_and_over_a_closed_one_replaces_it()
    {
        var (index, snapshot) = await SnapshotOfOneIndexAsync();
        var body = new JsonObject { ["indices"] = index, ["include_global_state"] = false };

        var (overOpen, refusal) = await SendAsync(HttpMethod.Post, $"_snapshot/{_engine.Repository}/{snapshot}/_restore?wait_for_completion=true", body);
        await SendAsync(HttpMethod.Post, $"{index}/_close");
        var (overClosed, restored) = await SendAsync(HttpMethod.Post, $"_snapshot/{_engine.Repository}/{snapshot}/_restore?wait_for_completion=true", body);
        var (_, resolved) = await SendAsync(HttpMethod.Get, $"_resolve/index/{index}");

        Assert.That(overOpen, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(refusal, Does.Contain("snapshot_restore_exception").And.Contain("an open index with same name already exists"));
        Assert.That(overClosed, Is.EqualTo(HttpStatusCode.OK), restored);
        Assert.That(JsonNode.Parse(restored)!["snapshot"]!["indices"]!.AsArray().Select(i => (string?)i), Is.EqualTo(new[] { index }));
        Assert.That(JsonNode.Parse(resolved)!["indices"]![0]!["attributes"]!.AsArray().Select(a => (string?)a), Does.Contain("open"));
    }

    [Test]
    public async Task Resolve_index_leaves_a_closed_index_to_expand_wildcards_and_reports_aliases()
    {
        var open = $"{_prefix}-calls-open-{_engine.NewBackupId()}";
        var closed = $"{_prefix}-calls-closed-{_engine.NewBackupId()}";
        var alias = $"{_prefix}-calls-alias";
        await _engine.CreateIndexAsync(open, new JsonObject { ["aliases"] = new JsonObject { [alias] = new JsonObject() } });
        await _engine.CreateIndexAsync(closed);
        await SendAsync(HttpMethod.Post, $"{closed}/_close");

        var (_, byDefault) = await SendAsync(HttpMethod.Get, $"_resolve/index/{_prefix}-calls-*");
        var (_, all) = await SendAsync(HttpMethod.Get, $"_resolve/index/{_prefix}-calls-*?expand_wildcards=all");

        var names = (string text) => JsonNode.Parse(text)!["indices"]!.AsArray().Select(i => (string?)i!["name"]);
        Assert.That(names(byDefault), Is.EqualTo(new[] { open }));
        Assert.That(names(all), Is.EqualTo(new[] { closed, open }));
        Assert.That(JsonNode.Parse(byDefault)!["indices"]![0]!["aliases"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { alias }));
        Assert.That(JsonNode.Parse(byDefault)!["aliases"]!.AsArray().Select(a => (string?)a!["name"]), Is.EqualTo(new[] { alias }));
    }

    [Test]
    public async Task Cat_indices_and_cat_snapshots_answer_text_tables()
    {
        var (index, snapshot) = await SnapshotOfOneIndexAsync();
        await SendAsync(HttpMethod.Post, $"{index}/_close");

        var (_, indices) = await SendAsync(HttpMethod.Get, $"_cat/indices/{index}?v&h=index,status&expand_wildcards=all");
        var (_, snapshots) = await SendAsync(HttpMethod.Get, $"_cat/snapshots/{_engine.Repository}?h=id,status,indices");

        Assert.That(indices.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            Is.EqualTo(new[] { new[] { "index", "status" }, new[] { index, "close" } }));
        Assert.That(snapshots.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(l => l.Length > 0 && l[0] == snapshot),
            Is.EqualTo(new[] { new[] { snapshot, "SUCCESS", "1" } }));
    }

    [Test]
    public async Task Cluster_health_repository_cleanup_and_an_unknown_parameter_answer_as_documented()
    {
        var (_, health) = await SendAsync(HttpMethod.Get, "_cluster/health");
        var (cleanupStatus, cleanup) = await SendAsync(HttpMethod.Post, $"_snapshot/{_engine.Repository}/_cleanup");
        var (unknownStatus, unknown) = await SendAsync(HttpMethod.Get, $"_snapshot/{_engine.Repository}/_all?verbos=false");

        Assert.That((string?)JsonNode.Parse(health)!["status"], Is.AnyOf("green", "yellow"));
        Assert.That(cleanupStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((long?)JsonNode.Parse(cleanup)!["results"]!["deleted_blobs"], Is.GreaterThanOrEqualTo(0));
        Assert.That(unknownStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)JsonNode.Parse(unknown)!["error"]!["reason"], Does.StartWith(
            $"request [/_snapshot/{_engine.Repository}/_all] contains unrecognized parameter: [verbos] -> did you mean [verbose]?"));
    }
}
