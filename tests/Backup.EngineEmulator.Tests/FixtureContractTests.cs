using System.Text.Json.Nodes;
using Backup.Tests.Shared;
using static Backup.EngineEmulator.EngineFlavor;

namespace Backup.EngineEmulator.Tests;

/// <summary>
/// The emulator answers each kind of request with the shape of the official payload for it: the same fields,
/// nesting and value kinds. Where the emulator and a fixture disagree, the fixture wins.
/// Not compared, because the emulator does not serve those APIs (the service never calls them):
/// es-cat-snapshots, es-slm-*, os-sm-* (snapshot lifecycle management), and os-error-security-403 (the emulator has
/// no per-user permissions; its auth switch answers 401).
/// </summary>
public sealed class FixtureContractTests
{
    private static readonly EngineFlavor[] Elasticsearch = [Elasticsearch7, Elasticsearch8, Elasticsearch9];
    private static readonly EngineFlavor[] OpenSearch = [OpenSearch1, OpenSearch2, OpenSearch3];
    private static readonly EngineFlavor[] Every = [.. Elasticsearch, .. OpenSearch];

    public static IEnumerable<TestCaseData> Cases()
    {
        static IEnumerable<TestCaseData> For(string fixture, EngineFlavor[] flavors, string scenario) =>
            flavors.Select(f => new TestCaseData(fixture, f, scenario).SetName($"{fixture} ~ {f} {scenario}"));

        return
        [
            .. For("es-root-info.json", Elasticsearch, "root"),
            .. For("es-root-info-serverless.json", Elasticsearch, "root"),
            .. For("os-root-info.json", OpenSearch, "root"),
            .. For("es-get-repository.json", Elasticsearch, "get repository"),
            .. For("os-get-repository.json", OpenSearch, "get repository"),
            .. For("os-verify-repository.json", Every, "verify repository"),
            .. For("es-create-accepted.json", Elasticsearch, "create"),
            .. For("os-create-accepted.json", OpenSearch, "create"),
            .. For("es-create-wait-true.json", Elasticsearch, "create and wait, with metadata"),
            .. For("os2-create-wait-true.json", OpenSearch, "create and wait"),
            .. For("es8-get-snapshots.json", [Elasticsearch8, Elasticsearch9], "get snapshots"),
            .. For("es7-get-snapshots.json", [Elasticsearch7], "get snapshots"),
            .. For("os2-get-snapshots.json", OpenSearch, "get snapshots"),
            .. For("es8-snapshot-info-engine-output.json", [Elasticsearch8, Elasticsearch9], "get one snapshot, human"),
            .. For("es-snapshot-status.json", Elasticsearch, "status"),
            .. For("es-snapshot-status-in-progress.json", Elasticsearch, "status while running"),
            .. For("os-snapshot-status.json", OpenSearch, "status"),
            .. For("es-delete-snapshot-ack.json", Elasticsearch, "delete"),
            .. For("os-delete-snapshot-ack.json", OpenSearch, "delete"),
            .. For("es-error-repository-missing.json", Elasticsearch, "missing repository"),
            .. For("es-error-repository-missing-multi.json", Elasticsearch, "missing repository"),
            .. For("os-error-repository-missing.json", OpenSearch, "missing repository"),
            .. For("es-error-snapshot-missing.json", Every, "missing snapshot"),
            .. For("es-snapshot-name-in-use.json", [Elasticsearch8, Elasticsearch9], "name in use"),
            .. For("es-invalid-snapshot-name.json", [Elasticsearch7, .. OpenSearch], "name in use"),
            .. For("es-invalid-snapshot-name-uppercase.json", Every, "upper-case name"),
            .. For("es-concurrent-snapshot.json", Every, "too many running"),
            .. For("es-error-generic-400.json", Elasticsearch, "size not a number"),
            .. For("es-resolve-index.json", Every, "resolve index"),
            .. For("es-cat-indices.json", Elasticsearch, "cat indices"),
            .. For("os-restore-wait-true.json", Every, "restore and wait"),
            .. For("os-error-restore-index-exists.json", Every, "restore over an open index"),
        ];
    }

    [TestCaseSource(nameof(Cases))]
    public async Task The_answer_has_the_shape_of_the_official_payload(string fixture, EngineFlavor flavor, string scenario)
    {
        await using var engine = await Engine.StartAsync(flavor);
        var expected = Fixtures.Load(fixture);

        var (actual, maps) = await AnswerAsync(engine, scenario);

        Assert.That(JsonShape.Differences(expected, actual, maps), Is.Empty, actual?.ToJsonString());
    }

    /// <summary>The request a fixture answers, sent to the emulator; and which objects are keyed by data.</summary>
    private static async Task<(JsonNode? Answer, string[] Maps)> AnswerAsync(Engine engine, string scenario)
    {
        const string Repository = Engine.Repository;
        switch (scenario)
        {
            case "root":
                return ((await engine.GetAsync("")).Body, []);
            case "get repository":
                return ((await engine.GetAsync($"_snapshot/{Repository}")).Body, ["$", "$.*.settings"]);
            case "verify repository":
                return ((await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/_verify")).Body, ["$.nodes"]);
            case "create":
                return ((await engine.CreateSnapshotAsync("snapshot_2")).Body, []);
            case "create and wait, with metadata":
                return ((await engine.CreateSnapshotAsync("snapshot_2", """{"indices": "index_1", "metadata": {"taken_by": "user123"}}""", wait: true)).Body, ["$.snapshot.metadata"]);
            case "create and wait":
                return ((await engine.CreateSnapshotAsync("snapshot_2", wait: true)).Body, []);
            case "get snapshots":
                await engine.CreateSnapshotAsync("snapshot_1", wait: true);
                await engine.CreateSnapshotAsync("snapshot_2", wait: true);
                return ((await engine.GetAsync($"_snapshot/{Repository}/snapshot_*")).Body, []);
            case "get one snapshot, human":
                await engine.CreateSnapshotAsync("snapshot_1", wait: true);
                return ((await engine.GetAsync($"_snapshot/{Repository}/snapshot_1?human=true")).Body!["snapshots"]![0], []);
            case "status":
                await engine.CreateSnapshotAsync("snapshot_2", wait: true);
                return ((await engine.GetAsync($"_snapshot/{Repository}/snapshot_2/_status")).Body, ["$.snapshots[].indices", "$.snapshots[].indices.*.shards"]);
            case "status while running":
                engine.Emulator.HoldSnapshots = true;
                await engine.CreateSnapshotAsync("snapshot_2");
                return ((await engine.GetAsync($"_snapshot/{Repository}/snapshot_2/_status")).Body, ["$.snapshots[].indices", "$.snapshots[].indices.*.shards"]);
            case "delete":
                await engine.CreateSnapshotAsync("snapshot_2", wait: true);
                await engine.CreateSnapshotAsync("snapshot_3", wait: true);
                return ((await engine.SendAsync(HttpMethod.Delete, $"_snapshot/{Repository}/snapshot_2,snapshot_3")).Body, []);
            case "missing repository":
                return ((await engine.GetAsync("_snapshot/missing_1/_all")).Body, []);
            case "missing snapshot":
                return ((await engine.GetAsync($"_snapshot/{Repository}/test_nonexistent_snapshot")).Body, []);
            case "name in use":
                await engine.CreateSnapshotAsync("snapshot_2", wait: true);
                return ((await engine.CreateSnapshotAsync("snapshot_2")).Body, []);
            case "upper-case name":
                return ((await engine.CreateSnapshotAsync("Snapshot_2")).Body, []);
            case "too many running":
                engine.Emulator.Faults.MaxConcurrentOperations = 0;
                return ((await engine.CreateSnapshotAsync("expected-to-fail")).Body, []);
            case "size not a number":
                return ((await engine.GetAsync($"_snapshot/{Repository}/_all?size=surprise_me")).Body, []);
            case "resolve index":
                return ((await engine.GetAsync("_resolve/index/index_*")).Body, []);
            case "cat indices":
                return ((await engine.GetAsync("_cat/indices/index_*?v=true&s=index&format=json")).Body, []);
            case "restore and wait":
                await engine.CreateSnapshotAsync("my-first-snapshot", wait: true);
                return ((await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/my-first-snapshot/_restore?wait_for_completion=true",
                    Fixtures.Text("os-restore-request.json").Replace("opendistro-reports-definitions", "index_1", StringComparison.Ordinal))).Body, []);
            case "restore over an open index":
                await engine.CreateSnapshotAsync("my-first-snapshot", wait: true);
                return ((await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Repository}/my-first-snapshot/_restore", """{"indices": "index_1"}""")).Body, []);
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }
    }

    [TestCase("es-create-request.json", Elasticsearch8)]
    [TestCase("os-create-request.json", OpenSearch2)]
    public async Task The_official_create_request_is_accepted(string fixture, EngineFlavor flavor)
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, body) = await engine.CreateSnapshotAsync("snapshot_2", Fixtures.Text(fixture));

        Assert.That(status, Is.EqualTo(200), body?.ToJsonString());
    }

    [TestCase("es-restore-request.json", Elasticsearch8)]
    [TestCase("os-restore-request.json", OpenSearch2)]
    public async Task The_official_restore_request_is_accepted(string fixture, EngineFlavor flavor)
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("snapshot_2", wait: true);

        var (status, body) = await engine.SendAsync(HttpMethod.Post, $"_snapshot/{Engine.Repository}/snapshot_2/_restore", Fixtures.Text(fixture));

        Assert.That(status, Is.EqualTo(200), body?.ToJsonString());
    }

    [TestCase("es-create-repository-fs-request.json", Elasticsearch8)]
    [TestCase("os-create-repository-fs-request.json", OpenSearch2)]
    public async Task The_official_repository_request_is_accepted(string fixture, EngineFlavor flavor)
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, _) = await engine.SendAsync(HttpMethod.Put, "_snapshot/another_repository", Fixtures.Text(fixture));

        Assert.That(status, Is.EqualTo(200));
        Assert.That((await engine.GetAsync("_snapshot/another_repository")).Status, Is.EqualTo(200));
    }
}
