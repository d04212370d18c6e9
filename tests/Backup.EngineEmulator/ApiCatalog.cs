namespace Backup.EngineEmulator;

/// <summary>
/// The emulated APIs as the engines' REST specifications (<c>rest-api-spec/src/main/resources/rest-api-spec/api/*.json</c>
/// of elastic/elasticsearch and opensearch-project/OpenSearch) describe them: each API's paths and URL parameters per
/// flavour. A parameter listed here is accepted; docs/emulator-fidelity.md says which the emulator honours and which it
/// accepts and ignores. Any other parameter is refused as the engine's <c>BaseRestHandler</c> refuses it.
/// </summary>
internal static class ApiCatalog
{
    /// <summary>What every handler reads for the response itself (Elasticsearch's and OpenSearch's "response params").</summary>
    private static readonly string[] ResponseParameters = ["pretty", "human", "error_trace", "filter_path", "format"];

    private static readonly string[] Wildcards = ["ignore_unavailable", "allow_no_indices", "expand_wildcards"];

    private static readonly string[] CatParameters = ["format", "h", "help", "s", "v", "master_timeout", "local"];

    private static readonly string[] DocumentWrite =
        ["wait_for_active_shards", "op_type", "refresh", "routing", "timeout", "version", "version_type", "if_seq_no", "if_primary_term", "pipeline", "require_alias"];

    private static readonly string[] SearchParameters =
        ["size", "from", "sort", "q", "seq_no_primary_term", "version", "_source", "track_total_hits", "timeout", "preference", "routing", .. Wildcards];

    private sealed record Api(string Name, string Method, string[] Paths, Func<EngineFlavor, IEnumerable<string>> Parameters);

    private static readonly Api[] Apis =
    [
        new("snapshot.create", "PUT", ["/_snapshot/{repository}/{snapshot}"], f => Master(f, "wait_for_completion")),
        new("snapshot.create", "POST", ["/_snapshot/{repository}/{snapshot}"], f => Master(f, "wait_for_completion")),
        new("snapshot.get", "GET", ["/_snapshot/{repository}/{snapshot}"], f => f.IsOpenSearch()
            ? Master(f, "ignore_unavailable", "verbose")
            : Master(f, "ignore_unavailable", "verbose", "index_details", "include_repository", "sort", "size", "order", "from_sort_value", "after", "offset", "slm_policy_filter")
                .Concat(f == EngineFlavor.Elasticsearch7 ? [] : ["index_names"])),
        new("snapshot.status", "GET", ["/_snapshot/_status", "/_snapshot/{repository}/_status", "/_snapshot/{repository}/{snapshot}/_status"],
            f => Master(f, "ignore_unavailable")),
        new("snapshot.delete", "DELETE", ["/_snapshot/{repository}/{snapshot}"],
            f => f is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9 ? Master(f, "wait_for_completion") : Master(f)),
        new("snapshot.restore", "POST", ["/_snapshot/{repository}/{snapshot}/_restore"], f => Master(f, "wait_for_completion")),
        new("snapshot.clone", "PUT", ["/_snapshot/{repository}/{snapshot}/_clone/{target_snapshot}"], f => Master(f)),
        new("snapshot.cleanup_repository", "POST", ["/_snapshot/{repository}/_cleanup"], f => Master(f, "timeout")),
        new("snapshot.get_repository", "GET", ["/_snapshot", "/_snapshot/{repository}"], f => Master(f, "local")),
        new("snapshot.create_repository", "PUT", ["/_snapshot/{repository}"], f => Master(f, "timeout", "verify")),
        new("snapshot.create_repository", "POST", ["/_snapshot/{repository}"], f => Master(f, "timeout", "verify")),
        new("snapshot.delete_repository", "DELETE", ["/_snapshot/{repository}"], f => Master(f, "timeout")),
        new("snapshot.verify_repository", "POST", ["/_snapshot/{repository}/_verify"], f => Master(f, "timeout")),
        new("indices.resolve_index", "GET", ["/_resolve/index/{name}"], f => f is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9
            ? Wildcards
            : ["expand_wildcards"]),
        new("indices.create", "PUT", ["/{index}"], f => Master(f, "timeout", "wait_for_active_shards")),
        new("indices.delete", "DELETE", ["/{index}"], f => Master(f, ["timeout", .. Wildcards])),
        new("indices.exists", "HEAD", ["/{index}"], _ => ["local", "flat_settings", "include_defaults", .. Wildcards]),
        new("indices.get", "GET", ["/{index}"], f => Master(f, ["local", "flat_settings", "include_defaults", .. Wildcards])),
        new("indices.close", "POST", ["/{index}/_close"], f => Master(f, ["timeout", "wait_for_active_shards", .. Wildcards])),
        new("indices.open", "POST", ["/{index}/_open"], f => Master(f, ["timeout", "wait_for_active_shards", .. Wildcards])),
        new("cluster.health", "GET", ["/_cluster/health", "/_cluster/health/{index}"], f => Master(f,
            "expand_wildcards", "level", "local", "timeout", "wait_for_active_shards", "wait_for_nodes", "wait_for_events",
            "wait_for_no_relocating_shards", "wait_for_no_initializing_shards", "wait_for_status")),
        new("cat.indices", "GET", ["/_cat/indices", "/_cat/indices/{index}"], f => Master(f,
            [.. CatParameters, "bytes", "health", "pri", "time", "expand_wildcards", "include_unloaded_segments"])),
        new("cat.snapshots", "GET", ["/_cat/snapshots", "/_cat/snapshots/{repository}"], f => Master(f,
            [.. CatParameters, "bytes", "time", "ignore_unavailable"])),
        new("indices.put_index_template", "PUT", ["/_index_template/{name}"], f => Master(f, "create", "cause")),
        new("indices.put_index_template", "POST", ["/_index_template/{name}"], f => Master(f, "create", "cause")),
        new("indices.get_index_template", "GET", ["/_index_template", "/_index_template/{name}"], f => Master(f, "flat_settings", "local")),
        new("indices.exists_index_template", "HEAD", ["/_index_template/{name}"], f => Master(f, "flat_settings", "local")),
        new("indices.delete_index_template", "DELETE", ["/_index_template/{name}"], f => Master(f, "timeout")),
        new("index", "PUT", ["/{index}/_doc/{id}", "/{index}/_create/{id}"], _ => DocumentWrite),
        new("index", "POST", ["/{index}/_doc/{id}", "/{index}/_create/{id}"], _ => DocumentWrite),
        new("get", "GET", ["/{index}/_doc/{id}"], _ => ["preference", "realtime", "refresh", "routing", "_source", "_source_excludes", "_source_includes", "stored_fields", "version", "version_type"]),
        new("delete", "DELETE", ["/{index}/_doc/{id}"], _ => ["wait_for_active_shards", "refresh", "routing", "timeout", "if_seq_no", "if_primary_term", "version", "version_type"]),
        new("search", "GET", ["/{index}/_search"], _ => SearchParameters),
        new("search", "POST", ["/{index}/_search"], _ => SearchParameters),
        new("capabilities", "GET", ["/_capabilities"], f => f is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9
            ? ["method", "path", "parameters", "capabilities", "local_only"]
            : []),
    ];

    /// <summary>The API a call reaches, preferring the path with the most literal segments as the engines' path trie does.</summary>
    public static string? ApiOf(EngineFlavor flavor, string method, IReadOnlyList<string> segments)
    {
        var best = Apis
            .Where(a => a.Method == method && (a.Name != "capabilities" || Capable(flavor)))
            .SelectMany(a => a.Paths.Select(p => (Api: a, Literals: Literals(p, segments))))
            .Where(m => m.Literals >= 0)
            .OrderByDescending(m => m.Literals)
            .FirstOrDefault();
        return best.Api?.Name;
    }

    /// <summary>Whether the flavour serves <c>GET _capabilities</c> (Elasticsearch 8.x and later).</summary>
    public static bool Capable(EngineFlavor flavor) => flavor is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9;

    /// <summary>The parameters <paramref name="api"/> accepts on <paramref name="flavor"/>, response parameters included.</summary>
    public static IReadOnlySet<string> Parameters(EngineFlavor flavor, string method, string api) =>
        Apis.Where(a => a.Name == api && a.Method == method).SelectMany(a => a.Parameters(flavor)).Concat(ResponseParameters).ToHashSet(StringComparer.Ordinal);

    /// <summary>Refuses URL parameters the call's API does not know, in the engines' words; null when all are known.</summary>
    public static Task? RefuseUnknownParameters(Call call)
    {
        if (ApiOf(call.Flavor, call.Method, call.Segments) is not { } api)
        {
            return null;
        }

        var known = Parameters(call.Flavor, call.Method, api);
        var unknown = call.Http.Request.Query.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? null
            : call.ErrorAsync(400, "illegal_argument_exception", Unrecognized(call.Http.Request.Path.Value ?? "/", unknown, known));
    }

    /// <summary>
    /// <c>BaseRestHandler.unrecognized</c>: "parameter" or "parameters", each unknown name in brackets, followed by the
    /// known names more than half similar to it (Levenshtein), best first.
    /// </summary>
    public static string Unrecognized(string path, IReadOnlyList<string> unknown, IReadOnlySet<string> known)
    {
        var parts = unknown.Select(name =>
        {
            var close = known.Select(k => (Name: k, Score: Similarity(name, k))).Where(k => k.Score > 0.5f)
                .OrderByDescending(k => k.Score).ThenBy(k => k.Name, StringComparer.Ordinal).Select(k => k.Name).ToList();
            return close.Count switch
            {
                0 => $"[{name}]",
                1 => $"[{name}] -> did you mean [{close[0]}]?",
                _ => $"[{name}] -> did you mean any of [{string.Join(", ", close)}]?",
            };
        });
        return $"request [{path}] contains unrecognized parameter{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", parts)}";
    }

    private static IEnumerable<string> Master(EngineFlavor flavor, params string[] others) =>
        flavor.IsOpenSearch() ? ["master_timeout", "cluster_manager_timeout", .. others] : ["master_timeout", .. others];

    /// <returns>How many literal segments of <paramref name="path"/> the call matches; -1 when it does not match.</returns>
    private static int Literals(string path, IReadOnlyList<string> segments)
    {
        var template = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (template.Length != segments.Count)
        {
            return -1;
        }

        var literals = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith('{') && (!segments[i].StartsWith('_') || segments[i] is "_all" or "_current"))
            {
                continue;
            }

            if (template[i] != segments[i])
            {
                return -1;
            }

            literals++;
        }

        return literals;
    }

    /// <summary>Lucene's <c>LevenshteinDistance.getDistance</c>: one minus the edit distance over the longer length.</summary>
    private static float Similarity(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return 1f - ((float)previous[b.Length] / Math.Max(a.Length, b.Length));
    }
}
