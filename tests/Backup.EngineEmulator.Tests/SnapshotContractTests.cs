using System.Text.Json.Nodes;

namespace Backup.EngineEmulator.Tests;

/// <summary>
/// The snapshot APIs held to the expectations of the engines' YAML REST tests
/// (<c>rest-api-spec/src/yamlRestTest/resources/rest-api-spec/test/snapshot.*</c>), restated for every flavour.
/// </summary>
[TestFixtureSource(typeof(Flavours), nameof(Flavours.All))]
public sealed class SnapshotContractTests(EngineFlavor flavor)
{
    private const string Repository = Engine.Repository;

    // snapshot.status/10_basic.yml, "Get missing snapshot status throws an exception".
    [Test]
    public async Task Status_of_a_missing_snapshot_is_a_404_snapshot_missing_exception()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, body) = await engine.GetAsync($"_snapshot/{Repository}/nonexistent/_status");

        Assert.That(status, Is.EqualTo(404));
        Assert.That((string?)body!["error"]!["reason"], Is.EqualTo($"[{Repository}:nonexistent] is missing"));
    }

    // snapshot.status/10_basic.yml, "Get missing snapshot status succeeds when ignoreUnavailable is true".
    [Test]
    public async Task Status_with_ignore_unavailable_leaves_missing_snapshots_out()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("s1", wait: true);

        var (status, body) = await engine.GetAsync($"_snapshot/{Repository}/nonexistent,s1/_status?ignore_unavailable=true");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["snapshots"]!.AsArray().Select(s => (string?)s!["snapshot"]), Is.EqualTo(new[] { "s1" }));
    }

    // snapshot.status.json: /_snapshot/_status and /_snapshot/{repository}/_status list the snapshots in progress.
    [Test]
    public async Task Status_without_names_lists_the_running_snapshots()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("done", wait: true);
        engine.Emulator.HoldSnapshots = true;
        await engine.CreateSnapshotAsync("running");

        var (_, all) = await engine.GetAsync("_snapshot/_status");
        var (_, inRepository) = await engine.GetAsync($"_snapshot/{Repository}/_status");

        Assert.That(all!["snapshots"]!.AsArray().Select(s => (string?)s!["snapshot"]), Is.EqualTo(new[] { "running" }));
        Assert.That(inRepository!["snapshots"]!.AsArray().Select(s => (string?)s!["state"]), Is.EqualTo(new[] { "STARTED" }));
    }

    // snapshot.get/10_basic.yml, "Get snapshot info without repository names" and "Get snapshot info with index
    // details" (Elasticsearch only: OpenSearch's snapshot.get.json has neither parameter).
    [Test]
    public async Task Get_drops_the_repository_and_adds_index_details_when_asked_on_Elasticsearch_only()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("s1", """{"indices": "index_1"}""", wait: true);
        if (Flavours.IsOpenSearch(flavor))
        {
            Assert.That((await engine.GetAsync($"_snapshot/{Repository}/s1?index_details=true")).Status, Is.EqualTo(400));
            return;
        }

        var (_, plain) = await engine.GetAsync($"_snapshot/{Repository}/s1");
        var (_, body) = await engine.GetAsync($"_snapshot/{Repository}/s1?include_repository=false&index_details=true&human=true");
        var info = body!["snapshots"]![0]!;

        Assert.That((string?)plain!["snapshots"]![0]!["repository"], Is.EqualTo(Repository));
        Assert.That(plain["snapshots"]![0]!["index_details"], Is.Null);
        Assert.That(info["repository"], Is.Null);
        Assert.That((int?)info["index_details"]!["index_1"]!["shard_count"], Is.GreaterThan(0));
        Assert.That((long?)info["index_details"]!["index_1"]!["size_in_bytes"], Is.GreaterThan(0));
        Assert.That((string?)info["index_details"]!["index_1"]!["size"], Is.Not.Empty);
    }

    // snapshot.get.json (8.x+): index_names=false leaves out each snapshot's list of indices.
    [Test]
    public async Task Get_with_index_names_false_leaves_out_the_indices_on_Elasticsearch_8_and_later()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("s1", wait: true);
        if (!Flavours.IsElasticsearch8Plus(flavor))
        {
            Assert.That((await engine.GetAsync($"_snapshot/{Repository}/s1?index_names=false")).Status, Is.EqualTo(400));
            return;
        }

        var (_, body) = await engine.GetAsync($"_snapshot/{Repository}/s1?index_names=false");

        Assert.That(body!["snapshots"]![0]!["indices"], Is.Null);
        Assert.That((string?)body["snapshots"]![0]!["snapshot"], Is.EqualTo("s1"));
    }

    // snapshot.get_repository.json: /_snapshot, /_snapshot/_all and /_snapshot/{repository} (a list, with wildcards).
    [TestCase("_snapshot")]
    [TestCase("_snapshot/_all")]
    [TestCase("_snapshot/*")]
    [TestCase("_snapshot/my_*,other")]
    public async Task Repositories_are_listed_by_all_names_and_wildcards(string path)
    {
        await using var engine = await Engine.StartAsync(flavor);
        engine.Emulator.CreateRepository("other");

        var (status, body) = await engine.GetAsync(path);

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { Repository, "other" }));
        Assert.That((string?)body[Repository]!["type"], Is.EqualTo("fs"));
    }

    [Test]
    public async Task A_missing_repository_by_exact_name_is_a_404()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, body) = await engine.GetAsync("_snapshot/nowhere");

        Assert.That(status, Is.EqualTo(404));
        Assert.That((string?)body!["error"]!["type"], Is.EqualTo("repository_missing_exception"));
    }

    // snapshot.cleanup_repository.json: POST /_snapshot/{repository}/_cleanup, never a snapshot named "_cleanup".
    [Test]
    public async Task Cleanup_reports_what_it_deleted_and_creates_no_snapshot()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, body) = await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/_cleanup");
        var (missingStatus, _) = await engine.SendAsync(HttpMethod.Post, "_snapshot/nowhere/_cleanup");

        Assert.That(status, Is.EqualTo(200));
        Assert.That((long?)body!["results"]!["deleted_bytes"], Is.EqualTo(0));
        Assert.That((long?)body["results"]!["deleted_blobs"], Is.EqualTo(0));
        Assert.That(missingStatus, Is.EqualTo(404));
        Assert.That(await engine.SnapshotNamesAsync(), Is.Empty);
    }

    // snapshot.clone/10_basic.yml, "Clone a snapshot": acknowledged, and the clone can be deleted again.
    [Test]
    public async Task Clone_makes_a_finished_snapshot_of_the_picked_indices()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("source", wait: true);

        var (status, body) = await engine.SendAsync(HttpMethod.Put, $"_snapshot/{Repository}/source/_clone/target_1", """{"indices": "index_2"}""");
        var (_, clone) = await engine.GetAsync($"_snapshot/{Repository}/target_1");
        var (deleted, _) = await engine.SendAsync(HttpMethod.Delete, $"_snapshot/{Repository}/target_1");

        Assert.That(status, Is.EqualTo(200));
        Assert.That((bool?)body!["acknowledged"], Is.True);
        Assert.That(clone!["snapshots"]![0]!["indices"]!.AsArray().Select(i => (string?)i), Is.EqualTo(new[] { "index_2" }));
        Assert.That((string?)clone["snapshots"]![0]!["state"], Is.EqualTo("SUCCESS"));
        Assert.That(deleted, Is.EqualTo(200));
    }

    [Test]
    public async Task Clone_without_indices_or_onto_a_used_name_is_refused()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("source", wait: true);

        var (noIndices, _) = await engine.SendAsync(HttpMethod.Put, $"_snapshot/{Repository}/source/_clone/t", "{}");
        var (usedName, _) = await engine.SendAsync(HttpMethod.Put, $"_snapshot/{Repository}/source/_clone/source", """{"indices": "*"}""");
        var (noSource, _) = await engine.SendAsync(HttpMethod.Put, $"_snapshot/{Repository}/gone/_clone/t", """{"indices": "*"}""");

        Assert.That((noIndices, usedName, noSource), Is.EqualTo((400, 400, 404)));
        Assert.That(await engine.SnapshotNamesAsync(), Is.EqualTo(new[] { "source" }));
    }

    // snapshot.restore/10_basic.yml, "Create a snapshot with single index and then restore it": a closed index is
    // replaced by the restore (and comes back open).
    [Test]
    public async Task Restore_replaces_a_closed_index_but_refuses_an_open_one()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("s1", """{"indices": "index_1"}""", wait: true);

        var (openStatus, openBody) = await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/s1/_restore?wait_for_completion=true");
        await engine.SendAsync(HttpMethod.Post, "index_1/_close");
        var (closedStatus, closedBody) = await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/s1/_restore?wait_for_completion=true");
        var (_, resolved) = await engine.GetAsync("_resolve/index/index_1");

        Assert.That(openStatus, Is.EqualTo(500));
        Assert.That((string?)openBody!["error"]!["reason"], Does.Contain("cannot restore index [index_1] because an open index with same name already exists"));
        Assert.That(closedStatus, Is.EqualTo(200));
        Assert.That(closedBody!["snapshot"]!["indices"]!.AsArray().Select(i => (string?)i), Is.EqualTo(new[] { "index_1" }));
        Assert.That(resolved!["indices"]![0]!["attributes"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { "open" }));
    }

    // snapshot.restore.json: wait_for_completion defaults to false, answering {"accepted": true} at once.
    [Test]
    public async Task Restore_answers_accepted_without_waiting_and_the_restored_indices_when_waiting()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("s1", wait: true);
        const string Body = """{"indices": "index_*", "rename_pattern": "index_(.+)", "rename_replacement": "restored_$1"}""";

        var (_, accepted) = await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/s1/_restore", Body);
        await engine.SendAsync(HttpMethod.Delete, "restored_*");
        var (_, waited) = await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/s1/_restore?wait_for_completion=true", Body);

        Assert.That(accepted!.ToJsonString(), Is.EqualTo(new JsonObject { ["accepted"] = true }.ToJsonString()));
        Assert.That(waited!["snapshot"]!["indices"]!.AsArray().Select(i => (string?)i), Is.EquivalentTo(new[] { "restored_1", "restored_2" }));
        Assert.That(engine.Emulator.IndexNames, Is.EquivalentTo(new[] { "index_1", "index_2", "restored_1", "restored_2" }));
    }

    // The restore body's include_aliases (default true) brings back the aliases the indices had when snapshotted.
    [TestCase(null, new[] { "the_alias" })]
    [TestCase(false, new string[0])]
    public async Task Restore_brings_back_aliases_unless_include_aliases_is_false(bool? includeAliases, string[] expected)
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.SendAsync(HttpMethod.Put, "aliased", """{"aliases": {"the_alias": {}}}""");
        await engine.CreateSnapshotAsync("s1", """{"indices": "aliased"}""", wait: true);
        await engine.SendAsync(HttpMethod.Delete, "aliased");
        var option = includeAliases is { } include ? $", \"include_aliases\": {(include ? "true" : "false")}" : "";

        await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/s1/_restore?wait_for_completion=true", $$"""{"indices": "aliased"{{option}}}""");
        var (_, resolved) = await engine.GetAsync("_resolve/index/aliased");

        Assert.That(resolved!["indices"]![0]!["aliases"]?.AsArray().Select(a => (string?)a) ?? [], Is.EqualTo(expected));
    }
}
