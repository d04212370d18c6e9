using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static Backup.EngineEmulator.EngineFlavor;

namespace Backup.EngineEmulator.Tests;

public sealed class SnapshotBehaviourTests
{
    private static IEnumerable<string> IndicesOf(JsonNode? answer) =>
        answer!["snapshots"]![0]!["indices"]!.AsArray().Select(i => (string)i!);

    [TestCase("""{"indices": "index_1,index_2"}""", new[] { "index_1", "index_2" })]
    [TestCase("""{"indices": ["index_*"]}""", new[] { "index_1", "index_2", "index_3" })]
    [TestCase("""{"indices": "index_*,-index_2"}""", new[] { "index_1", "index_3" })]
    [TestCase("""{"indices": ["other", "index_3"]}""", new[] { "index_3", "other" })]
    [TestCase("""{"indices": []}""", new[] { "index_1", "index_2", "index_3", "other" })]
    [TestCase("""{}""", new[] { "index_1", "index_2", "index_3", "other" })]
    [TestCase("""{"indices": "_all"}""", new[] { "index_1", "index_2", "index_3", "other" })]
    [TestCase("""{"indices": ["index_*", "-index_*"]}""", new string[0])]
    [TestCase("""{"indices": "nothing*"}""", new string[0])]
    public async Task Indices_follow_the_multi_target_syntax_and_an_empty_list_means_all(string body, string[] expected)
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        engine.Emulator.CreateIndices("index_3", "other");

        await engine.CreateSnapshotAsync("s", body, wait: true);

        Assert.That(IndicesOf((await engine.GetAsync($"_snapshot/{Engine.Repository}/s")).Body), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task A_missing_exact_index_fails_the_create_unless_unavailable_ones_are_ignored()
    {
        await using var engine = await Engine.StartAsync(OpenSearch2);

        var (status, body) = await engine.CreateSnapshotAsync("s", """{"indices": "index_1,gone"}""");
        var (ignoredStatus, _) = await engine.CreateSnapshotAsync("t", """{"indices": "index_1,gone", "ignore_unavailable": true}""");

        Assert.That(status, Is.EqualTo(404));
        Assert.That((string?)body!["error"]!["type"], Is.EqualTo("index_not_found_exception"));
        Assert.That(ignoredStatus, Is.EqualTo(200));
        Assert.That(await engine.SnapshotNamesAsync(), Is.EqualTo(new[] { "t" }));
    }

    /// <remarks>
    /// Elasticsearch 8+ sends a listing as it writes it, a chunk of 256 KB at a time (its
    /// <c>Netty4WriteThrottlingHandler</c>'s <c>MAX_BYTES_PER_WRITE</c>).
    /// </remarks>
    [TestCase(Elasticsearch8)]
    [TestCase(Elasticsearch9)]
    public async Task A_listing_is_sent_in_chunks_of_256_KB_holding_every_snapshot_once(EngineFlavor flavor)
    {
        await using var engine = await Engine.StartAsync(flavor);
        var names = AddSnapshots(engine, 12_000);

        var answer = await RawAsync(engine, $"/_snapshot/{Engine.Repository}/*?filter_path=snapshots.snapshot,snapshots.state");

        Assert.That(answer.Chunks, Is.Not.Null, "chunked");
        var chunks = answer.Chunks!;
        var listed = JsonNode.Parse(string.Concat(chunks))!["snapshots"]!.AsArray();
        Assert.That(listed.Select(s => (string)s!["snapshot"]!), Is.EquivalentTo(names), "every snapshot once");
        Assert.That(listed.Select(s => (string)s!["state"]!), Is.All.EqualTo("SUCCESS"));
        Assert.That(chunks, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(chunks.SkipLast(1).Select(c => c.Length), Has.All.InRange(256 * 1024, 257 * 1024));
    }

    /// <summary>The engines that build a listing whole send it whole, with its length.</summary>
    [TestCase(Elasticsearch7)]
    [TestCase(OpenSearch1)]
    [TestCase(OpenSearch2)]
    [TestCase(OpenSearch3)]
    public async Task A_listing_built_whole_is_sent_with_its_length_holding_every_snapshot_once(EngineFlavor flavor)
    {
        await using var engine = await Engine.StartAsync(flavor);
        var names = AddSnapshots(engine, 1_000);

        var answer = await RawAsync(engine, $"/_snapshot/{Engine.Repository}/*?filter_path=snapshots.snapshot");

        Assert.That(answer.Chunks, Is.Null, "not chunked");
        Assert.That(answer.Head, Does.Contain($"Content-Length: {answer.Body.Length}\r\n"));
        Assert.That(JsonNode.Parse(answer.Body)!["snapshots"]!.AsArray().Select(s => (string)s!["snapshot"]!), Is.EquivalentTo(names));
    }

    /// <summary>
    /// Every answer the engines build whole goes with its <c>Content-Length</c>: errors, the cat tables, a repository's
    /// settings, a snapshot's status.
    /// </summary>
    [TestCase(Elasticsearch8, "/_snapshot/my_repository/missing", 404)]
    [TestCase(OpenSearch2, "/_snapshot/my_repository/missing", 404)]
    [TestCase(Elasticsearch8, "/_cat/snapshots/my_repository?v", 200)]
    [TestCase(OpenSearch2, "/_cat/indices?v", 200)]
    [TestCase(Elasticsearch9, "/_snapshot/my_repository", 200)]
    [TestCase(Elasticsearch7, "/_snapshot/my_repository/_status", 200)]
    [TestCase(OpenSearch3, "/_snapshot/my_repository/_status", 200)]
    public async Task An_answer_built_whole_is_sent_with_its_length(EngineFlavor flavor, string pathAndQuery, int status)
    {
        await using var engine = await Engine.StartAsync(flavor);
        AddSnapshots(engine, 3);

        var answer = await RawAsync(engine, pathAndQuery);

        Assert.That(answer.Head, Does.StartWith($"HTTP/1.1 {status} "));
        Assert.That(answer.Chunks, Is.Null, "not chunked");
        Assert.That(answer.Body, Is.Not.Empty);
        Assert.That(answer.Head, Does.Contain($"Content-Length: {Encoding.UTF8.GetByteCount(answer.Body)}\r\n"));
    }

    [TestCase(OpenSearch2)]
    [TestCase(Elasticsearch8)]
    public async Task A_refusal_is_sent_with_its_length(EngineFlavor flavor)
    {
        await using var engine = await Engine.StartAsync(flavor);
        engine.Emulator.Faults.RequireBasicAuth = ("elastic", "changeme");

        var answer = await RawAsync(engine, "/_snapshot/my_repository");

        Assert.That(answer.Head, Does.StartWith("HTTP/1.1 401 "));
        Assert.That(answer.Chunks, Is.Null, "not chunked");
        Assert.That(answer.Head, Does.Contain($"Content-Length: {Encoding.UTF8.GetByteCount(answer.Body)}\r\n"));
    }

    private static List<string> AddSnapshots(Engine engine, int count)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var names = Enumerable.Range(0, count).Select(i => $"snapshot_{i:D5}").ToList();
        foreach (var name in names)
        {
            engine.Emulator.AddSnapshot(Engine.Repository, name, ["index_1"], SnapshotOutcome.Success, start);
        }

        return names;
    }

    /// <summary>
    /// <c>filter_path</c> on a listing, whether it is sent a chunk at a time (Elasticsearch 8+) or whole: only the named
    /// fields, and a list none of whose entries keeps anything is left out like any empty array.
    /// </summary>
    [TestCase(Elasticsearch8, "filter_path=snapshots.snapshot,total", """{"snapshots":[{"snapshot":"a"},{"snapshot":"b"},{"snapshot":"c"}],"total":3}""")]
    [TestCase(Elasticsearch7, "filter_path=snapshots.snapshot,total", """{"snapshots":[{"snapshot":"a"},{"snapshot":"b"},{"snapshot":"c"}],"total":3}""")]
    [TestCase(OpenSearch2, "filter_path=snapshots.snapshot,total", """{"snapshots":[{"snapshot":"a"},{"snapshot":"b"},{"snapshot":"c"}]}""")]
    [TestCase(Elasticsearch8, "filter_path=snapshots.nothing", "{}")]
    [TestCase(Elasticsearch7, "filter_path=snapshots.nothing", "{}")]
    [TestCase(OpenSearch2, "filter_path=snapshots.nothing", "{}")]
    [TestCase(Elasticsearch8, "filter_path=snapshots.nothing,remaining", """{"remaining":0}""")]
    [TestCase(Elasticsearch9, "filter_path=total", """{"total":3}""")]
    [TestCase(OpenSearch2, "filter_path=total", "{}")]
    [TestCase(Elasticsearch8, "sort=name&size=2&filter_path=snapshots.snapshot,remaining", """{"snapshots":[{"snapshot":"a"},{"snapshot":"b"}],"remaining":1}""")]
    [TestCase(Elasticsearch8, "verbose=false&filter_path=snapshots.*", """{"snapshots":[{"snapshot":"a","uuid":"?","repository":"my_repository","indices":["index_1"],"data_streams":[],"state":"SUCCESS"},{"snapshot":"b","uuid":"?","repository":"my_repository","indices":["index_1"],"data_streams":[],"state":"SUCCESS"},{"snapshot":"c","uuid":"?","repository":"my_repository","indices":["index_1"],"data_streams":[],"state":"SUCCESS"}]}""")]
    public async Task A_filtered_listing_holds_only_the_named_fields(EngineFlavor flavor, string query, string expected)
    {
        await using var engine = await Engine.StartAsync(flavor);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        foreach (var (name, i) in new[] { "a", "b", "c" }.Select((n, i) => (n, i)))
        {
            engine.Emulator.AddSnapshot(Engine.Repository, name, ["index_1"], SnapshotOutcome.Success, start.AddMinutes(i));
        }

        var (status, body) = await engine.GetAsync($"_snapshot/{Engine.Repository}/*?{query}");

        foreach (var entry in body!["snapshots"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (entry.ContainsKey("uuid"))
            {
                entry["uuid"] = "?";
            }
        }

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body.ToJsonString(), Is.EqualTo(JsonNode.Parse(expected)!.ToJsonString()));
    }

    /// <summary>
    /// A GET's answer as it came off the socket (a client hides both how it was framed and its length): its head, its body,
    /// and the HTTP chunks of that body when it was chunked.
    /// </summary>
    private static async Task<(string Head, string Body, List<string>? Chunks)> RawAsync(Engine engine, string pathAndQuery)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(engine.Emulator.Url.Host, engine.Emulator.Url.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {pathAndQuery} HTTP/1.1\r\nHost: emulator\r\nConnection: close\r\n\r\n"));
        using var raw = new MemoryStream();
        await stream.CopyToAsync(raw);
        var text = Encoding.UTF8.GetString(raw.ToArray());
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var (head, rest) = (text[..headEnd], text[headEnd..]);
        if (!head.Contains("Transfer-Encoding: chunked", StringComparison.Ordinal))
        {
            return (head, rest, null);
        }

        var chunks = new List<string>();
        while (true)
        {
            var line = rest.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(rest[..line], 16);
            if (size == 0)
            {
                return (head, string.Concat(chunks), chunks);
            }

            // The listing is ASCII: a chunk's size in bytes is its length in characters.
            chunks.Add(rest.Substring(line + 2, size));
            rest = rest[(line + 2 + size + 2)..];
        }
    }

    [TestCase(Elasticsearch7, "invalid_snapshot_name_exception")]
    [TestCase(Elasticsearch8, "snapshot_name_already_in_use_exception")]
    [TestCase(Elasticsearch9, "snapshot_name_already_in_use_exception")]
    [TestCase(OpenSearch1, "invalid_snapshot_name_exception")]
    [TestCase(OpenSearch3, "invalid_snapshot_name_exception")]
    public async Task A_name_in_use_is_refused_in_the_flavours_own_words(EngineFlavor flavor, string type)
    {
        await using var engine = await Engine.StartAsync(flavor);
        engine.Emulator.HoldSnapshots = true;
        await engine.CreateSnapshotAsync("s");

        var (status, body) = await engine.CreateSnapshotAsync("s");

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["error"]!["type"], Is.EqualTo(type));
        Assert.That((string?)body["error"]!["reason"], Does.Contain("already in-progress"));
    }

    [Test]
    public async Task OpenSearch_rejects_feature_states_which_Elasticsearch_takes()
    {
        await using var elasticsearch = await Engine.StartAsync(Elasticsearch8);
        await using var openSearch = await Engine.StartAsync(OpenSearch2);
        const string Body = """{"indices": "index_1", "feature_states": ["none"]}""";

        var (esStatus, _) = await elasticsearch.CreateSnapshotAsync("s", Body);
        var (osStatus, osBody) = await openSearch.CreateSnapshotAsync("s", Body);

        Assert.That(esStatus, Is.EqualTo(200));
        Assert.That(osStatus, Is.EqualTo(400));
        Assert.That((string?)osBody!["error"]!["reason"], Is.EqualTo("Unknown parameter feature_states"));
    }

    [Test]
    public async Task Paging_with_next_returns_every_snapshot_exactly_once()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 25; i++)
        {
            engine.Emulator.AddSnapshot(Engine.Repository, $"snap-{i:00}", ["index_1"], SnapshotOutcome.Success, start.AddMinutes(i % 7));
        }

        var seen = new List<string>();
        string? after = null;
        int pages = 0;
        do
        {
            var query = $"_snapshot/{Engine.Repository}/snap-*?size=4&sort=start_time&order=desc" + (after is null ? "" : $"&after={after}");
            var page = (await engine.GetAsync(query)).Body!;
            seen.AddRange(page["snapshots"]!.AsArray().Select(s => (string)s!["snapshot"]!));
            Assert.That((int)page["total"]!, Is.EqualTo(25));
            Assert.That((int)page["remaining"]!, Is.EqualTo(25 - seen.Count));
            after = (string?)page["next"];
            pages++;
        }
        while (after is not null);

        Assert.That(seen, Is.Unique.And.Count.EqualTo(25));
        Assert.That(pages, Is.EqualTo(7));
    }

    [Test]
    public async Task OpenSearch_refuses_paging_parameters_it_does_not_know()
    {
        await using var engine = await Engine.StartAsync(OpenSearch2);

        var (status, body) = await engine.GetAsync($"_snapshot/{Engine.Repository}/_all?size=4");

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["error"]!["reason"], Is.EqualTo("request [/_snapshot/my_repository/_all] contains unrecognized parameter: [size]"));
    }

    [Test]
    public async Task A_missing_exact_name_fails_a_get_and_a_delete_fails_whole()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch9);
        await engine.CreateSnapshotAsync("a", wait: true);

        var (getStatus, getBody) = await engine.GetAsync($"_snapshot/{Engine.Repository}/a,b");
        var (ignored, ignoredBody) = await engine.GetAsync($"_snapshot/{Engine.Repository}/a,b?ignore_unavailable=true");
        var (deleteStatus, _) = await engine.SendAsync(HttpMethod.Delete, $"_snapshot/{Engine.Repository}/a,b");

        Assert.That(getStatus, Is.EqualTo(404));
        Assert.That((string?)getBody!["error"]!["reason"], Is.EqualTo("[my_repository:b] is missing"));
        Assert.That(ignored, Is.EqualTo(200));
        Assert.That(ignoredBody!["snapshots"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(deleteStatus, Is.EqualTo(404));
        Assert.That(await engine.SnapshotNamesAsync(), Is.EqualTo(new[] { "a" }), "nothing was deleted");
    }

    [Test]
    public async Task Wildcard_deletes_and_current_see_only_what_they_match()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        await engine.CreateSnapshotAsync("keep", wait: true);
        engine.Emulator.HoldSnapshots = true;
        await engine.CreateSnapshotAsync("run-1");

        var current = (await engine.GetAsync($"_snapshot/{Engine.Repository}/_current")).Body!["snapshots"]!.AsArray();
        await engine.SendAsync(HttpMethod.Delete, $"_snapshot/{Engine.Repository}/run-*");

        Assert.That(current.Select(s => (string)s!["snapshot"]!), Is.EqualTo(new[] { "run-1" }));
        Assert.That(await engine.SnapshotNamesAsync(), Is.EqualTo(new[] { "keep" }));
    }

    [Test]
    public async Task Snapshots_advance_on_the_emulators_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var engine = await Engine.StartAsync(OpenSearch3, clock);
        engine.Emulator.SnapshotDuration = TimeSpan.FromMinutes(2);
        await engine.CreateSnapshotAsync("s");

        async Task<string?> StateAsync() => (string?)(await engine.GetAsync($"_snapshot/{Engine.Repository}/s")).Body!["snapshots"]![0]!["state"];

        var atStart = await StateAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var midway = await StateAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var done = await StateAsync();

        Assert.That(new[] { atStart, midway, done }, Is.EqualTo(new[] { "IN_PROGRESS", "IN_PROGRESS", "SUCCESS" }));
    }

    [Test]
    public async Task Held_snapshots_stay_running_until_released_or_completed()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch7);
        engine.Emulator.HoldSnapshots = true;
        await engine.CreateSnapshotAsync("a");
        await engine.CreateSnapshotAsync("b");

        engine.Emulator.CompleteSnapshot(Engine.Repository, "a");
        var whileHeld = (await engine.GetAsync($"_snapshot/{Engine.Repository}/a,b")).Body!["snapshots"]!.AsArray().Select(s => (string)s!["state"]!);
        engine.Emulator.HoldSnapshots = false;
        var released = (await engine.GetAsync($"_snapshot/{Engine.Repository}/b")).Body!["snapshots"]![0]!["state"];

        Assert.That(whileHeld, Is.EqualTo(new[] { "SUCCESS", "IN_PROGRESS" }));
        Assert.That((string?)released, Is.EqualTo("SUCCESS"));
    }

    [TestCase(SnapshotOutcome.Failed, "FAILED", 1)]
    [TestCase(SnapshotOutcome.Partial, "PARTIAL", 1)]
    [TestCase(SnapshotOutcome.Incompatible, "INCOMPATIBLE", 0)]
    public async Task A_snapshot_ends_as_it_was_told_with_shard_failures_where_the_engine_gives_them(SnapshotOutcome outcome, string state, int failures)
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        engine.Emulator.SetOutcome("s", outcome);

        var created = (await engine.CreateSnapshotAsync("s", wait: true)).Body!["snapshot"]!;

        Assert.That((string?)created["state"], Is.EqualTo(state));
        Assert.That(created["failures"]!.AsArray(), Has.Count.EqualTo(failures));
        Assert.That((int)created["shards"]!["failed"]!, Is.EqualTo(failures));
    }

    [Test]
    public async Task A_lost_snapshot_is_gone()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        await engine.CreateSnapshotAsync("s", wait: true);

        engine.Emulator.LoseSnapshot(Engine.Repository, "s");

        Assert.That((await engine.GetAsync($"_snapshot/{Engine.Repository}/s")).Status, Is.EqualTo(404));
    }

    [TestCase("size=10", "can't use size limit with verbose=false")]
    [TestCase("sort=name", "can't use non-default sort with verbose=false")]
    [TestCase("after=MCxteV9yZXBvc2l0b3J5LGE%3D", "can't use after with verbose=false")]
    public async Task Elasticsearch_refuses_paging_a_names_only_listing(string parameter, string message)
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);

        var (status, body) = await engine.GetAsync($"_snapshot/{Engine.Repository}/*?verbose=false&{parameter}");
        var (sortedStatus, _) = await engine.GetAsync($"_snapshot/{Engine.Repository}/*?{parameter}");

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["error"]!["type"], Is.EqualTo("action_request_validation_exception"));
        Assert.That((string?)body["error"]!["reason"], Is.EqualTo($"Validation Failed: 1: {message};"));
        Assert.That(sortedStatus, Is.EqualTo(200), "a verbose listing pages");
    }

    [Test]
    public async Task A_snapshot_that_takes_its_time_reports_its_progress_and_ends_when_its_time_is_up()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var engine = await Engine.StartAsync(Elasticsearch8, clock);
        engine.Emulator.SnapshotDuration = TimeSpan.FromSeconds(10);
        await engine.CreateSnapshotAsync("s");

        clock.Advance(TimeSpan.FromSeconds(4));
        var (_, status) = await engine.GetAsync($"_snapshot/{Engine.Repository}/s/_status");
        clock.Advance(TimeSpan.FromSeconds(30));
        var (_, info) = await engine.GetAsync($"_snapshot/{Engine.Repository}/s");

        var stats = status!["snapshots"]![0]!["stats"]!;
        Assert.That((string?)status["snapshots"]![0]!["state"], Is.EqualTo("STARTED"));
        Assert.That((double)stats["processed"]!["size_in_bytes"]! / (double)stats["incremental"]!["size_in_bytes"]!, Is.EqualTo(0.4).Within(0.001));
        var snapshot = info!["snapshots"]![0]!;
        Assert.That((long)snapshot["end_time_in_millis"]! - (long)snapshot["start_time_in_millis"]!, Is.EqualTo(10_000), "not when it was next looked at");
    }

    [Test]
    public async Task Filter_path_keeps_only_the_named_fields_through_arrays_and_leaves_errors_whole()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        await engine.CreateSnapshotAsync("a", wait: true);
        await engine.CreateSnapshotAsync("b", wait: true);

        var (_, page) = await engine.GetAsync($"_snapshot/{Engine.Repository}/*?sort=name&size=1&filter_path=next,snapshots.snapshot,snapshots.shards.total");
        var (status, error) = await engine.GetAsync("_snapshot/missing/*?filter_path=snapshots.snapshot");

        Assert.That(page!.ToJsonString(), Does.Match("""^\{"snapshots":\[\{"snapshot":"a","shards":\{"total":2\}\}\],"next":"[^"]+"\}$"""));
        Assert.That(status, Is.EqualTo(404));
        Assert.That((string?)error!["error"]!["type"], Is.EqualTo("repository_missing_exception"));
    }
}
