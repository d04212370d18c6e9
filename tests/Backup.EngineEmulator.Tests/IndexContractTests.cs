namespace Backup.EngineEmulator.Tests;

/// <summary>
/// Index APIs held to the engines' YAML REST tests (<c>indices.resolve_index</c>, <c>indices.create</c>,
/// <c>cluster.health</c>), restated for every flavour.
/// </summary>
[TestFixtureSource(typeof(Flavours), nameof(Flavours.All))]
public sealed class IndexContractTests(EngineFlavor flavor)
{
    /// <summary>The setup of indices.resolve_index/10_basic_resolve_index.yml, restated.</summary>
    private static async Task<Engine> StartWithAliasesAsync(EngineFlavor flavor)
    {
        var engine = await Engine.StartAsync(flavor);
        await engine.SendAsync(HttpMethod.Delete, "index_*");
        await engine.SendAsync(HttpMethod.Put, "test_index1", """{"aliases": {"test_alias": {}, "test_blias": {}, "test_clias": {}}}""");
        await engine.SendAsync(HttpMethod.Put, "test_index2", """{"aliases": {"test_alias": {}}}""");
        await engine.SendAsync(HttpMethod.Post, "test_index2/_close");
        await engine.SendAsync(HttpMethod.Put, "test_index3", """{"aliases": {"test_blias": {}}}""");
        return engine;
    }

    private static string Shape(System.Text.Json.Nodes.JsonNode? body) => string.Join(" ",
        body!["indices"]!.AsArray().Select(i => $"{i!["name"]}[{string.Join(",", i["aliases"]?.AsArray().Select(a => (string?)a) ?? [])}]({string.Join(",", i["attributes"]!.AsArray().Select(a => (string?)a))})")
            .Concat(body["aliases"]!.AsArray().Select(a => $"{a!["name"]}->{string.Join(",", a["indices"]!.AsArray().Select(i => (string?)i))}")));

    // indices.resolve_index/10_basic_resolve_index.yml, "Resolve index with indices and aliases".
    [Test]
    public async Task A_wildcard_resolves_open_indices_with_their_aliases_and_every_alias_with_all_its_indices()
    {
        await using var engine = await StartWithAliasesAsync(flavor);

        var (_, body) = await engine.GetAsync("_resolve/index/*");

        Assert.That(Shape(body), Is.EqualTo(
            "test_index1[test_alias,test_blias,test_clias](open) test_index3[test_blias](open) "
            + "test_alias->test_index1,test_index2 test_blias->test_index1,test_index3 test_clias->test_index1"));
        Assert.That(body!["data_streams"]!.AsArray(), Is.Empty);
    }

    // indices.resolve_index/10_basic_resolve_index.yml, "Resolve index with hidden and closed indices".
    [Test]
    public async Task Expand_wildcards_all_adds_the_closed_index()
    {
        await using var engine = await StartWithAliasesAsync(flavor);

        var (_, body) = await engine.GetAsync("_resolve/index/*?expand_wildcards=all");

        Assert.That(Shape(body), Does.StartWith(
            "test_index1[test_alias,test_blias,test_clias](open) test_index2[test_alias](closed) test_index3[test_blias](open) "));
    }

    // indices.create.json's body (settings, mappings, aliases) and the hidden setting: a hidden index is reached by
    // its name, and by a wildcard only when expand_wildcards asks for hidden ones.
    [Test]
    public async Task A_hidden_index_is_reached_by_name_or_by_asking_for_hidden()
    {
        await using var engine = await Engine.StartAsync(flavor);
        var (created, _) = await engine.SendAsync(HttpMethod.Put, "index_hidden",
            """{"settings": {"index": {"hidden": true, "number_of_shards": 1}}, "mappings": {"properties": {"a": {"type": "keyword"}}}}""");

        var (_, wildcard) = await engine.GetAsync("_resolve/index/index_*");
        var (_, byName) = await engine.GetAsync("_resolve/index/index_hidden");
        var (_, withHidden) = await engine.GetAsync("_resolve/index/index_*?expand_wildcards=open,hidden");

        Assert.That(created, Is.EqualTo(200));
        Assert.That(Shape(wildcard), Is.EqualTo("index_1[](open) index_2[](open)"));
        Assert.That(Shape(byName), Is.EqualTo("index_hidden[](hidden,open)"));
        Assert.That(Shape(withHidden), Is.EqualTo("index_1[](open) index_2[](open) index_hidden[](hidden,open)"));
    }

    // indices.close.json / indices.open.json: close answers per index; _cat/indices shows the status; open reverses it.
    [Test]
    public async Task Close_and_open_change_what_cat_indices_shows()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (_, closed) = await engine.SendAsync(HttpMethod.Post, "index_1/_close");
        var (_, whileClosed) = await engine.SendTextAsync(HttpMethod.Get, "_cat/indices?h=index,status&s=index");
        var (opened, _) = await engine.SendAsync(HttpMethod.Post, "index_1/_open");
        var (_, afterOpen) = await engine.SendTextAsync(HttpMethod.Get, "_cat/indices?h=index,status&s=index");
        var (missing, _) = await engine.SendAsync(HttpMethod.Post, "gone/_close");

        Assert.That((bool?)closed!["indices"]!["index_1"]!["closed"], Is.True);
        Assert.That(whileClosed, Is.EqualTo("index_1 close\nindex_2 open \n"));
        Assert.That(opened, Is.EqualTo(200));
        Assert.That(afterOpen, Is.EqualTo("index_1 open\nindex_2 open\n"));
        Assert.That(missing, Is.EqualTo(404));
    }

    // cluster.health/10_basic.yml restated: a one-node cluster answers green with one active shard per open index.
    [Test]
    public async Task Cluster_health_is_green_with_a_shard_per_open_index()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.SendAsync(HttpMethod.Post, "index_2/_close");

        var (status, body) = await engine.GetAsync("_cluster/health?wait_for_status=green");
        var (_, one) = await engine.GetAsync("_cluster/health/index_1");
        var (missing, _) = await engine.GetAsync("_cluster/health/gone");

        Assert.That(status, Is.EqualTo(200));
        Assert.That((string?)body!["status"], Is.EqualTo("green"));
        Assert.That((bool?)body["timed_out"], Is.False);
        Assert.That((int?)body["number_of_nodes"], Is.EqualTo(1));
        Assert.That((int?)body["active_primary_shards"], Is.EqualTo(1));
        Assert.That((int?)one!["active_shards"], Is.EqualTo(1));
        Assert.That(missing, Is.EqualTo(404));
    }

    [Test]
    public async Task Get_index_shows_its_aliases()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.SendAsync(HttpMethod.Put, "aliased", """{"aliases": {"b": {}, "a": {"is_hidden": false}}}""");

        var (_, body) = await engine.GetAsync("aliased");

        Assert.That(body!["aliased"]!["aliases"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "a", "b" }));
    }

    // indices.put_index_template.json, get_index_template.json, delete_index_template.json: a new index takes the
    // aliases and hidden setting of the matching template with the highest priority.
    [Test]
    public async Task An_index_template_gives_matching_new_indices_its_aliases_and_hidden_setting()
    {
        await using var engine = await Engine.StartAsync(flavor);
        var (put, _) = await engine.SendAsync(HttpMethod.Put, "_index_template/low",
            """{"index_patterns": ["tpl-*"], "priority": 1, "template": {"aliases": {"low_alias": {}}}}""");
        await engine.SendAsync(HttpMethod.Put, "_index_template/high",
            """{"index_patterns": "tpl-*", "priority": 5, "template": {"settings": {"index.hidden": true}, "aliases": {"high_alias": {}}}}""");
        var (again, _) = await engine.SendAsync(HttpMethod.Put, "_index_template/high?create=true", """{"index_patterns": ["x"]}""");

        await engine.SendAsync(HttpMethod.Put, "tpl-1", """{"aliases": {"own": {}}}""");
        var (_, resolved) = await engine.GetAsync("_resolve/index/tpl-1");
        var (_, listed) = await engine.GetAsync("_index_template/*");
        var (deleted, _) = await engine.SendAsync(HttpMethod.Delete, "_index_template/high");
        var (gone, _) = await engine.GetAsync("_index_template/high");

        Assert.That((put, again), Is.EqualTo((200, 400)));
        Assert.That(Shape(resolved), Does.StartWith("tpl-1[high_alias,own](hidden,open)"));
        Assert.That(listed!["index_templates"]!.AsArray().Select(t => (string?)t!["name"]), Is.EqualTo(new[] { "high", "low" }));
        Assert.That((deleted, gone), Is.EqualTo((200, 404)));
    }
}
