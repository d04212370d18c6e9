using System.Globalization;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>The bodies each flavour writes, shaped like the official examples in ../shared/fixtures.</summary>
internal static class Wire
{
    public static JsonObject RootInfo(EngineFlavor flavor)
    {
        var version = new JsonObject();
        if (flavor.IsOpenSearch())
        {
            version["distribution"] = "opensearch";
        }

        version["number"] = flavor.Number();
        if (!flavor.IsOpenSearch())
        {
            version["build_flavor"] = "default";
        }

        version["build_type"] = "tar";
        version["build_hash"] = "0000000000000000000000000000000000000000";
        version["build_date"] = "2025-01-01T00:00:00.000000000Z";
        version["build_snapshot"] = false;
        version["lucene_version"] = flavor.IsOpenSearch() ? "9.12.1" : "10.2.2";
        version["minimum_wire_compatibility_version"] = flavor.IsOpenSearch() ? "7.10.0" : "7.17.0";
        version["minimum_index_compatibility_version"] = flavor.IsOpenSearch() ? "7.0.0" : "7.0.0";
        return new JsonObject
        {
            ["name"] = "emulator-node-1",
            ["cluster_name"] = "backup-engine-emulator",
            ["cluster_uuid"] = "emulatorClusterUuid00A",
            ["version"] = version,
            ["tagline"] = flavor.IsOpenSearch() ? "The OpenSearch Project: https://opensearch.org/" : "You Know, for Search",
        };
    }

    public static JsonObject Snapshot(EngineFlavor flavor, EmulatedSnapshot snapshot, bool verbose, bool human)
    {
        var info = new JsonObject { ["snapshot"] = snapshot.Name, ["uuid"] = snapshot.Uuid };
        if (!flavor.IsOpenSearch())
        {
            info["repository"] = snapshot.Repository;
        }

        if (verbose)
        {
            info["version_id"] = flavor.SnapshotVersionId();
            info["version"] = flavor.SnapshotVersion();
        }

        info["indices"] = Strings(snapshot.Indices);
        info["data_streams"] = new JsonArray();
        if (!verbose)
        {
            info["state"] = StateName(snapshot.State);
            return info;
        }

        if (!flavor.IsOpenSearch())
        {
            info["feature_states"] = new JsonArray();
        }

        info["include_global_state"] = snapshot.IncludeGlobalState;
        if (snapshot.Metadata is not null)
        {
            info["metadata"] = snapshot.Metadata.DeepClone();
        }

        info["state"] = StateName(snapshot.State);
        info["start_time"] = Time(snapshot.Start);
        info["start_time_in_millis"] = snapshot.Start.ToUnixTimeMilliseconds();
        if (snapshot.End is { } end)
        {
            info["end_time"] = Time(end);
            info["end_time_in_millis"] = end.ToUnixTimeMilliseconds();
            if (human)
            {
                info["duration"] = $"{(long)(end - snapshot.Start).TotalMilliseconds}ms";
            }

            info["duration_in_millis"] = (long)(end - snapshot.Start).TotalMilliseconds;
        }

        var failed = FailedShards(snapshot);
        info["failures"] = new JsonArray([.. snapshot.Indices.Take(failed).Select(ShardFailure)]);
        info["shards"] = new JsonObject
        {
            ["total"] = snapshot.Indices.Count,
            ["failed"] = failed,
            ["successful"] = snapshot.Indices.Count - failed,
        };
        return info;
    }

    /// <summary>One shard per index; a failed or partial snapshot lost half of them (at least one).</summary>
    public static int FailedShards(EmulatedSnapshot snapshot) =>
        snapshot.State is SnapshotOutcome.Failed or SnapshotOutcome.Partial ? Math.Max(1, snapshot.Indices.Count / 2) : 0;

    public static string StateName(SnapshotOutcome state) => state switch
    {
        SnapshotOutcome.Success => "SUCCESS",
        SnapshotOutcome.Failed => "FAILED",
        SnapshotOutcome.Partial => "PARTIAL",
        SnapshotOutcome.Incompatible => "INCOMPATIBLE",
        _ => "IN_PROGRESS",
    };

    /// <summary>The snapshot status API's word: STARTED while running.</summary>
    public static string StatusName(SnapshotOutcome state) => state == SnapshotOutcome.InProgress ? "STARTED" : StateName(state);

    /// <param name="progress">How much of a running snapshot's data is uploaded, from 0 to 1.</param>
    public static JsonObject Status(EmulatedSnapshot snapshot, double progress)
    {
        var running = snapshot.IsRunning;
        var indices = new JsonObject();
        foreach (var index in snapshot.Indices)
        {
            indices[index] = new JsonObject
            {
                ["shards_stats"] = ShardStats(running),
                ["stats"] = Stats(snapshot, running, progress),
                ["shards"] = new JsonObject
                {
                    ["0"] = new JsonObject { ["stage"] = running ? "STARTED" : "DONE", ["stats"] = Stats(snapshot, running, progress) },
                },
            };
        }

        return new JsonObject
        {
            ["snapshot"] = snapshot.Name,
            ["repository"] = snapshot.Repository,
            ["uuid"] = snapshot.Uuid,
            ["state"] = StatusName(snapshot.State),
            ["include_global_state"] = snapshot.IncludeGlobalState,
            ["shards_stats"] = ShardStats(running, snapshot.Indices.Count),
            ["stats"] = Stats(snapshot, running, progress),
            ["indices"] = indices,
        };
    }

    /// <param name="rootCauseOnly">Extra fields that the top-level error carries but its root causes do not (e.g. <c>caused_by</c>).</param>
    public static JsonObject Error(int status, string type, string reason, JsonObject? extra = null, string[]? rootCauseOnly = null)
    {
        JsonObject Cause(bool root)
        {
            var cause = new JsonObject { ["type"] = type, ["reason"] = reason };
            foreach (var (key, value) in extra ?? [])
            {
                if (!root || rootCauseOnly?.Contains(key) != true)
                {
                    cause[key] = value?.DeepClone();
                }
            }

            return cause;
        }

        var error = Cause(root: false);
        error.Insert(0, "root_cause", new JsonArray(Cause(root: true)));
        return new JsonObject { ["error"] = error, ["status"] = status };
    }

    public static JsonObject IndexNotFound(string index) => Error(404, "index_not_found_exception", $"no such index [{index}]", new JsonObject
    {
        ["resource.type"] = "index_or_alias",
        ["resource.id"] = index,
        ["index_uuid"] = "_na_",
        ["index"] = index,
    });

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);

    private static JsonObject ShardFailure(string index) => new()
    {
        ["index"] = index,
        ["index_uuid"] = Ids.New(),
        ["shard_id"] = 0,
        ["reason"] = $"IndexShardSnapshotFailedException[emulated failure of [{index}][0]]",
        ["node_id"] = "emulatorNodeId000000A",
        ["status"] = "INTERNAL_SERVER_ERROR",
    };

    private static JsonObject ShardStats(bool running, int total = 1) => new()
    {
        ["initializing"] = 0,
        ["started"] = running ? total : 0,
        ["finalizing"] = 0,
        ["done"] = running ? 0 : total,
        ["failed"] = 0,
        ["total"] = total,
    };

    private static JsonObject Stats(EmulatedSnapshot snapshot, bool running, double progress)
    {
        const long Size = 5412;
        var stats = new JsonObject { ["incremental"] = Files(4, Size) };
        if (running)
        {
            stats["processed"] = Files((int)Math.Round(4 * progress), (long)Math.Round(Size * progress));
        }

        stats["total"] = Files(4, 5412);
        stats["start_time_in_millis"] = snapshot.Start.ToUnixTimeMilliseconds();
        stats["time_in_millis"] = snapshot.End is { } end ? (long)(end - snapshot.Start).TotalMilliseconds : 0;
        return stats;
    }

    private static JsonObject Files(int count, long size) => new() { ["file_count"] = count, ["size_in_bytes"] = size };
}
