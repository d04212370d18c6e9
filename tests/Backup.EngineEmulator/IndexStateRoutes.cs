using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// <c>POST /&lt;index&gt;/_close</c> and <c>_open</c>. A closed index keeps its name (so a restore may replace it) but
/// wildcards pass it by unless <c>expand_wildcards</c> includes closed.
/// </summary>
internal static class IndexStateRoutes
{
    public static Task HandleAsync(Call call, string expression)
    {
        var close = call.Segments[1] == "_close";
        IReadOnlyList<string> names;
        lock (call.State.Gate)
        {
            var (matches, missing) = NameExpression.Resolve(NameExpression.Split(expression), [.. call.State.Indices.Keys],
                call.Flag("ignore_unavailable"), call.State.Expandable(call, close ? "open" : "closed"));
            if (missing is not null)
            {
                return call.ErrorAsync(Wire.IndexNotFound(missing));
            }

            names = matches;
            foreach (var name in names)
            {
                call.State.TraitsOf(name).Closed = close;
            }
        }

        var answer = new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true };
        if (close)
        {
            answer["indices"] = new JsonObject([.. names.Select(n => KeyValuePair.Create(n, (JsonNode?)new JsonObject { ["closed"] = true }))]);
        }

        return call.OkAsync(answer);
    }
}
