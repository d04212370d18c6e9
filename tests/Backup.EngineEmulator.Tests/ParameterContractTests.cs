namespace Backup.EngineEmulator.Tests;

/// <summary>
/// The URL parameters of each emulated API, from the engines' <c>rest-api-spec/.../api/*.json</c>: every documented
/// one is accepted, anything else is refused as <c>BaseRestHandler.unrecognized</c> words it.
/// </summary>
[TestFixtureSource(typeof(Flavours), nameof(Flavours.All))]
public sealed class ParameterContractTests(EngineFlavor flavor)
{
    /// <summary>One call per API with all the parameters its spec documents on every flavour.</summary>
    private static readonly (string Method, string Path, string Body)[] DocumentedEverywhere =
    [
        ("PUT", "_snapshot/my_repository/s1?wait_for_completion=true&master_timeout=30s", """{"indices": "index_1"}"""),
        ("GET", "_snapshot/my_repository/s1?ignore_unavailable=true&verbose=true&master_timeout=30s", ""),
        ("GET", "_snapshot/my_repository/s1/_status?ignore_unavailable=true&master_timeout=30s", ""),
        ("GET", "_snapshot/my_repository?local=true&master_timeout=30s", ""),
        ("POST", "_snapshot/my_repository/_cleanup?timeout=30s&master_timeout=30s", ""),
        ("PUT", "_snapshot/my_repository/s1/_clone/s2?master_timeout=30s", """{"indices": "*"}"""),
        ("GET", "_resolve/index/index_*?expand_wildcards=open", ""),
        ("GET", "_cluster/health?level=cluster&local=false&timeout=30s&wait_for_status=green&wait_for_nodes=1&wait_for_events=normal&wait_for_no_relocating_shards=true&wait_for_no_initializing_shards=true&wait_for_active_shards=0&expand_wildcards=all&master_timeout=30s", ""),
        ("POST", "index_1/_close?ignore_unavailable=false&allow_no_indices=true&expand_wildcards=open&wait_for_active_shards=0&timeout=30s&master_timeout=30s", ""),
        ("POST", "index_1/_open?ignore_unavailable=false&allow_no_indices=true&expand_wildcards=closed&wait_for_active_shards=0&timeout=30s&master_timeout=30s", ""),
        ("PUT", "index_3?timeout=30s&master_timeout=30s&wait_for_active_shards=1", ""),
        ("GET", "_cat/snapshots/my_repository?v=true&h=id&s=id&help=false&bytes=b&time=ms&ignore_unavailable=true&master_timeout=30s", ""),
        ("GET", "_cat/indices?v=true&h=index&s=index&bytes=b&time=ms&health=green&pri=true&expand_wildcards=all&master_timeout=30s", ""),
        ("POST", "_snapshot/my_repository/s1/_restore?wait_for_completion=true&master_timeout=30s", """{"indices": "index_1", "rename_pattern": "(.+)", "rename_replacement": "restored_$1"}"""),
        ("DELETE", "_snapshot/my_repository/s2?master_timeout=30s", ""),
    ];

    [Test]
    public async Task Every_documented_parameter_is_accepted()
    {
        await using var engine = await Engine.StartAsync(flavor);

        foreach (var (method, path, body) in DocumentedEverywhere)
        {
            var (status, answer) = await engine.SendTextAsync(new HttpMethod(method), path, body.Length == 0 ? null : body);
            Assert.That(status, Is.EqualTo(200), $"{method} {path}: {answer}");
        }
    }

    // snapshot.get.json: index_details, include_repository and the paging parameters are Elasticsearch's (7.13+/7.14+),
    // index_names 8.x+; OpenSearch's spec lists only ignore_unavailable, verbose and the timeouts.
    [TestCase("index_details=true", true, true)]
    [TestCase("include_repository=false", true, true)]
    [TestCase("size=1", true, true)]
    [TestCase("index_names=false", false, true)]
    public async Task Snapshot_get_takes_Elasticsearchs_own_parameters_only_where_its_spec_lists_them(string parameter, bool on717, bool on8Plus)
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("s1", wait: true);
        var accepted = !Flavours.IsOpenSearch(flavor) && (Flavours.IsElasticsearch8Plus(flavor) ? on8Plus : on717);

        var (status, body) = await engine.GetAsync($"_snapshot/{Engine.Repository}/s1?{parameter}");

        Assert.That(status, Is.EqualTo(accepted ? 200 : 400));
        if (!accepted)
        {
            Assert.That((string?)body!["error"]!["reason"], Does.StartWith($"request [/_snapshot/{Engine.Repository}/s1] contains unrecognized parameter: [{parameter.Split('=')[0]}]"));
        }
    }

    [Test]
    public async Task Cluster_manager_timeout_is_OpenSearchs_word_and_unknown_to_Elasticsearch()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, _) = await engine.GetAsync("_cluster/health?cluster_manager_timeout=30s");

        Assert.That(status, Is.EqualTo(Flavours.IsOpenSearch(flavor) ? 200 : 400));
    }

    [Test]
    public async Task Several_unknown_parameters_are_listed_sorted_with_the_close_names_offered()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, body) = await engine.GetAsync($"_snapshot/{Engine.Repository}/_status?zzz=1&ignore_unavailabl=true");

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["error"]!["type"], Is.EqualTo("illegal_argument_exception"));
        Assert.That((string?)body["error"]!["reason"], Is.EqualTo(
            $"request [/_snapshot/{Engine.Repository}/_status] contains unrecognized parameters: [ignore_unavailabl] -> did you mean [ignore_unavailable]?, [zzz]"));
    }

    [Test]
    public async Task Capabilities_answer_on_Elasticsearch_8_and_later_only()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (status, body) = await engine.GetAsync("_capabilities?method=GET&path=/_snapshot/{repository}/{snapshot}&parameters=index_names");
        var (unknownStatus, unknown) = await engine.GetAsync("_capabilities?method=GET&path=/_snapshot/{repository}/{snapshot}&parameters=nonsense");

        Assert.That(status, Is.EqualTo(Flavours.IsElasticsearch8Plus(flavor) ? 200 : 400));
        if (Flavours.IsElasticsearch8Plus(flavor))
        {
            Assert.That((bool?)body!["supported"], Is.True);
            Assert.That((unknownStatus, (bool?)unknown!["supported"]), Is.EqualTo((200, (bool?)false)));
        }
    }
}
