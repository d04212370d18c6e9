using System.Globalization;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// Single documents (<c>PUT {index}/_doc/{id}</c> with <c>op_type=create</c> or <c>if_seq_no</c>/<c>if_primary_term</c>,
/// <c>GET</c>, <c>DELETE</c>) and a match-all <c>_search</c>: enough for a small record index, in the answers of
/// Elasticsearch's and OpenSearch's document APIs (rest-api-spec <c>index</c>, <c>get</c>, <c>delete</c>, <c>search</c>).
/// Writing to a missing index creates it, as both engines do by default. Every write is visible to the next read.
/// </summary>
internal static class DocumentRoutes
{
    private const long PrimaryTerm = 1;

    public static Task HandleAsync(Call call, string index, string? id) => (call.Method, id) switch
    {
        ("PUT" or "POST", { } doc) => WriteAsync(call, index, doc, create: call.Query("op_type") == "create" || call.Segments[1] == "_create"),
        ("GET", { } doc) => GetAsync(call, index, doc),
        ("DELETE", { } doc) => DeleteAsync(call, index, doc),
        ("GET" or "POST", null) => SearchAsync(call, index),
        _ => call.NoHandlerAsync(),
    };

    private static Task WriteAsync(Call call, string index, string id, bool create)
    {
        var source = call.JsonBody() ?? throw new System.Text.Json.JsonException("request body is required");
        StoredDocument stored;
        bool created;
        lock (call.State.Gate)
        {
            if (!call.State.Indices.ContainsKey(index))
            {
                call.State.Indices[index] = Ids.New();
            }

            var documents = DocumentsOf(call.State, index);
            documents.TryGetValue(id, out var existing);
            if (create && existing is not null)
            {
                return Conflict(call, index, id, $"[{id}]: version conflict, document already exists (current version [{existing.Version}])");
            }

            if (call.Query("if_seq_no") is { } seqNo
                && (existing is null || existing.SeqNo.ToString(CultureInfo.InvariantCulture) != seqNo
                    || call.Query("if_primary_term") != PrimaryTerm.ToString(CultureInfo.InvariantCulture)))
            {
                return Conflict(call, index, id, existing is null
                    ? $"[{id}]: version conflict, required seqNo [{seqNo}], primary term [{call.Query("if_primary_term")}] but no document was found"
                    : $"[{id}]: version conflict, required seqNo [{seqNo}], primary term [{call.Query("if_primary_term")}]. current document has seqNo [{existing.SeqNo}] and primary term [{PrimaryTerm}]");
            }

            created = existing is null;
            stored = new StoredDocument(source, ++call.State.LastSeqNo, (existing?.Version ?? 0) + 1);
            documents[id] = stored;
        }

        return call.JsonAsync(created ? 201 : 200, Written(index, id, stored, created ? "created" : "updated"));
    }

    private static Task GetAsync(Call call, string index, string id)
    {
        StoredDocument? stored;
        lock (call.State.Gate)
        {
            if (!call.State.Indices.ContainsKey(index))
            {
                return call.ErrorAsync(Wire.IndexNotFound(index));
            }

            DocumentsOf(call.State, index).TryGetValue(id, out stored);
        }

        return stored is null
            ? call.JsonAsync(404, new JsonObject { ["_index"] = index, ["_id"] = id, ["found"] = false })
            : call.OkAsync(new JsonObject
            {
                ["_index"] = index,
                ["_id"] = id,
                ["_version"] = stored.Version,
                ["_seq_no"] = stored.SeqNo,
                ["_primary_term"] = PrimaryTerm,
                ["found"] = true,
                ["_source"] = stored.Source.DeepClone(),
            });
    }

    private static Task DeleteAsync(Call call, string index, string id)
    {
        StoredDocument? removed;
        lock (call.State.Gate)
        {
            if (!call.State.Indices.ContainsKey(index))
            {
                return call.ErrorAsync(Wire.IndexNotFound(index));
            }

            var documents = DocumentsOf(call.State, index);
            documents.TryGetValue(id, out removed);
            if (removed is not null && call.Query("if_seq_no") is { } seqNo && removed.SeqNo.ToString(CultureInfo.InvariantCulture) != seqNo)
            {
                return Conflict(call, index, id,
                    $"[{id}]: version conflict, required seqNo [{seqNo}], primary term [{call.Query("if_primary_term")}]. current document has seqNo [{removed.SeqNo}] and primary term [{PrimaryTerm}]");
            }

            documents.Remove(id);
            if (removed is not null)
            {
                removed = removed with { SeqNo = ++call.State.LastSeqNo, Version = removed.Version + 1 };
            }
        }

        return removed is null
            ? call.JsonAsync(404, Written(index, id, new StoredDocument(new JsonObject(), 0, 1), "not_found"))
            : call.OkAsync(Written(index, id, removed, "deleted"));
    }

    private static Task SearchAsync(Call call, string index)
    {
        var size = int.TryParse(call.Query("size"), CultureInfo.InvariantCulture, out var asked) ? asked : 10;
        var withSeqNo = call.Flag("seq_no_primary_term");
        JsonArray hits;
        int total;
        lock (call.State.Gate)
        {
            if (!call.State.Indices.ContainsKey(index))
            {
                return call.ErrorAsync(Wire.IndexNotFound(index));
            }

            var documents = DocumentsOf(call.State, index);
            total = documents.Count;
            hits = [.. documents.Take(size).Select(d => (JsonNode)Hit(index, d.Key, d.Value, withSeqNo))];
        }

        return call.OkAsync(new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = total, ["relation"] = "eq" },
                ["max_score"] = 1.0,
                ["hits"] = hits,
            },
        });
    }

    private static JsonObject Hit(string index, string id, StoredDocument stored, bool withSeqNo)
    {
        var hit = new JsonObject { ["_index"] = index, ["_id"] = id, ["_score"] = 1.0 };
        if (withSeqNo)
        {
            hit["_seq_no"] = stored.SeqNo;
            hit["_primary_term"] = PrimaryTerm;
        }

        hit["_source"] = stored.Source.DeepClone();
        return hit;
    }

    private static JsonObject Written(string index, string id, StoredDocument stored, string result) => new()
    {
        ["_index"] = index,
        ["_id"] = id,
        ["_version"] = stored.Version,
        ["result"] = result,
        ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
        ["_seq_no"] = stored.SeqNo,
        ["_primary_term"] = PrimaryTerm,
    };

    private static Task Conflict(Call call, string index, string id, string reason) =>
        call.ErrorAsync(409, "version_conflict_engine_exception", reason,
            new JsonObject { ["index_uuid"] = call.State.Indices.GetValueOrDefault(index, "_na_"), ["shard"] = "0", ["index"] = index, ["_id"] = id });

    /// <summary>Keyed by the index's uuid, so that a deleted and re-created index starts empty.</summary>
    private static SortedDictionary<string, StoredDocument> DocumentsOf(EngineState state, string index)
    {
        var uuid = state.Indices[index];
        if (!state.Documents.TryGetValue(uuid, out var documents))
        {
            documents = new SortedDictionary<string, StoredDocument>(StringComparer.Ordinal);
            state.Documents[uuid] = documents;
        }

        return documents;
    }
}

/// <summary>One document as stored: its source, its sequence number and version.</summary>
internal sealed record StoredDocument(JsonObject Source, long SeqNo, long Version);
