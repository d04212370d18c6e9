using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// Elasticsearch's options on a snapshot listing: <c>include_repository=false</c> drops each snapshot's repository,
/// <c>index_names=false</c> (8.x+) its index list, and <c>index_details=true</c> adds per-index sizes to verbose
/// entries. OpenSearch knows none of them (the catalogue refuses them there).
/// </summary>
internal static class SnapshotInfoOptions
{
    public static void Apply(Call call, JsonObject answer, bool verbose)
    {
        foreach (var info in answer["snapshots"]!.AsArray().OfType<JsonObject>())
        {
            if (verbose && call.Flag("index_details"))
            {
                info["index_details"] = new JsonObject([.. info["indices"]!.AsArray().Select(i => KeyValuePair.Create((string)i!, (JsonNode?)Details(call.Flag("human"))))]);
            }

            if (!call.Flag("include_repository", fallback: true))
            {
                info.Remove("repository");
            }

            if (!call.Flag("index_names", fallback: true))
            {
                info.Remove("indices");
            }
        }
    }

    /// <summary>One primary shard of one segment holding the emulator's empty-index size, as <c>_cat/indices</c> shows it.</summary>
    private static JsonObject Details(bool human)
    {
        var details = new JsonObject { ["shard_count"] = 1 };
        if (human)
        {
            details["size"] = "208b";
        }

        details["size_in_bytes"] = 208;
        details["max_segments_per_shard"] = 1;
        return details;
    }
}
