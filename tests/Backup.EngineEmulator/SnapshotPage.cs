using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// Elasticsearch's sorted, paged snapshot listing (7.14+): <c>sort</c>, <c>order</c>, <c>size</c>, <c>offset</c>,
/// <c>after</c> (the opaque <c>next</c> token of the previous page) and <c>from_sort_value</c>; the answer carries
/// <c>total</c> (all matches) and <c>remaining</c> (those after this page).
/// </summary>
internal static class SnapshotPage
{
    /// <summary>The engine's answer to a size or offset that is not a number.</summary>
    public static JsonObject? InvalidNumber(Call call)
    {
        foreach (var name in new[] { "size", "offset" })
        {
            if (call.Query(name) is { } value && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return Wire.Error(400, "illegal_argument_exception", $"Failed to parse int parameter [{name}] with value [{value}]",
                    new JsonObject { ["caused_by"] = new JsonObject { ["type"] = "number_format_exception", ["reason"] = $"For input string: \"{value}\"" } },
                    rootCauseOnly: ["caused_by"]);
            }
        }

        return null;
    }

    /// <summary>Elasticsearch pages and sorts only verbose listings; it refuses the paging parameters with verbose=false.</summary>
    public static JsonObject? InvalidWithoutVerbose(Call call, bool verbose)
    {
        if (verbose)
        {
            return null;
        }

        var refused = new (bool Given, string Message)[]
        {
            (call.Query("sort") is { } sort && sort != "start_time", "can't use non-default sort with verbose=false"),
            (call.Query("size") is { } size && size != "-1", "can't use size limit with verbose=false"),
            (call.Query("offset") is { } offset && offset != "0", "can't use offset with verbose=false"),
            (call.Query("after") is not null, "can't use after with verbose=false"),
            (call.Query("order") is { } order && order != "asc", "can't use non-default sort order with verbose=false"),
            (call.Query("from_sort_value") is not null, "can't use from_sort_value with verbose=false"),
        }.Where(r => r.Given).Select(r => r.Message).ToList();
        return refused.Count == 0
            ? null
            : Wire.Error(400, "action_request_validation_exception",
                $"Validation Failed: {string.Concat(refused.Select((message, i) => $"{i + 1}: {message};"))}");
    }

    public static JsonObject Answer(Call call, IReadOnlyList<EmulatedSnapshot> matching, bool verbose, bool human)
    {
        var sort = call.Query("sort") ?? "start_time";
        var direction = call.Query("order") == "desc" ? -1 : 1;
        var sorted = matching.ToList();
        sorted.Sort((a, b) => direction * CompareKeys(sort, a, b));

        if (call.Query("after") is { } after)
        {
            // The engine seeks to the position after the token, rather than walking every snapshot before it.
            var position = Decode(after);
            var low = 0;
            for (var high = sorted.Count; low < high;)
            {
                var middle = (low + high) / 2;
                (low, high) = Compare(sort, sorted[middle], position) * direction <= 0 ? (middle + 1, high) : (low, middle);
            }

            sorted = sorted[low..];
        }

        if (call.Query("from_sort_value") is { } from)
        {
            sorted = [.. sorted.Where(s => Compare(Key(sort, s), from) * direction >= 0)];
        }

        var offset = int.Parse(call.Query("offset") ?? "0", CultureInfo.InvariantCulture);
        var size = call.Query("size") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : int.MaxValue;
        var page = sorted.Skip(offset).Take(size).ToList();
        var remaining = Math.Max(0, sorted.Count - offset - page.Count);

        var answer = new JsonObject { ["snapshots"] = new JsonArray([.. page.Select(s => Wire.Snapshot(call.Flavor, s, verbose, human))]) };
        if (remaining > 0 && page.Count > 0)
        {
            var last = page[^1];
            answer["next"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Key(sort, last)},{last.Repository},{last.Name}"));
        }

        answer["total"] = matching.Count;
        answer["remaining"] = remaining;
        return answer;
    }

    private static int CompareKeys(string sort, EmulatedSnapshot a, EmulatedSnapshot b)
    {
        var byKey = sort == "name" ? string.CompareOrdinal(a.Name, b.Name) : Key(sort, a).CompareTo(Key(sort, b));
        if (byKey != 0)
        {
            return byKey;
        }

        var byRepository = string.CompareOrdinal(a.Repository, b.Repository);
        return byRepository != 0 ? byRepository : string.CompareOrdinal(a.Name, b.Name);
    }

    private static IComparable Key(string sort, EmulatedSnapshot snapshot) => sort switch
    {
        "name" => snapshot.Name,
        "repository" => snapshot.Repository,
        "index_count" or "shard_count" => (long)snapshot.Indices.Count,
        "failed_shard_count" => 0L,
        "duration" => snapshot.End is { } end ? (long)(end - snapshot.Start).TotalMilliseconds : 0L,
        _ => snapshot.Start.ToUnixTimeMilliseconds(),
    };

    private static (string Value, string Repository, string Name) Decode(string token)
    {
        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(',');
        return (string.Join(',', parts[..^2]), parts[^2], parts[^1]);
    }

    private static int Compare(string sort, EmulatedSnapshot snapshot, (string Value, string Repository, string Name) position)
    {
        var byKey = Compare(Key(sort, snapshot), position.Value);
        if (byKey != 0)
        {
            return byKey;
        }

        var byRepository = string.CompareOrdinal(snapshot.Repository, position.Repository);
        return byRepository != 0 ? byRepository : string.CompareOrdinal(snapshot.Name, position.Name);
    }

    private static int Compare(IComparable key, string value) => key is long number
        ? number.CompareTo(long.Parse(value, CultureInfo.InvariantCulture))
        : string.CompareOrdinal((string)key, value);
}
