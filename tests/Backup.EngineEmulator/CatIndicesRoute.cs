using System.Text;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// <c>_cat/indices</c> as the engines answer it: a whitespace-aligned text table by default (as the Camunda docs'
/// restore loop reads it), JSON with <c>format=json</c>; <c>v</c> adds the header line, <c>h</c> picks columns and
/// <c>s</c> sorts (<c>index:desc</c> backwards).
/// </summary>
internal static class CatIndicesRoute
{
    public static Task HandleAsync(Call call, string? expression)
    {
        List<(string Name, string Uuid)> indices;
        lock (call.State.Gate)
        {
            var (names, _) = NameExpression.Resolve(NameExpression.Split(expression), [.. call.State.Indices.Keys], ignoreUnavailable: true);
            indices = [.. names.Select(n => (n, call.State.Indices[n]))];
        }

        var columns = Columns(call.Flavor);
        var chosen = call.Query("h")?.Split(',').Where(columns.Contains).ToArray() ?? columns;
        var rows = Sorted(call.Query("s"), indices.Select(i => Row(call.Flavor, i.Name, i.Uuid)));
        return call.Query("format") == "json"
            ? call.OkAsync(new JsonArray([.. rows.Select(row => Json(row, chosen))]))
            : TextAsync(call, rows, chosen);
    }

    private static string[] Columns(EngineFlavor flavor) =>
        flavor.IsOpenSearch()
            ? ["health", "status", "index", "uuid", "pri", "rep", "docs.count", "docs.deleted", "store.size", "pri.store.size"]
            : ["health", "status", "index", "uuid", "pri", "rep", "docs.count", "docs.deleted", "store.size", "pri.store.size", "dataset.size"];

    private static Dictionary<string, string> Row(EngineFlavor flavor, string name, string uuid) =>
        Columns(flavor).ToDictionary(c => c, c => c switch
        {
            "health" => "green",
            "status" => "open",
            "index" => name,
            "uuid" => uuid,
            "pri" => "1",
            "rep" => "0",
            "docs.count" or "docs.deleted" => "0",
            _ => "208b",
        });

    private static List<Dictionary<string, string>> Sorted(string? sort, IEnumerable<Dictionary<string, string>> rows)
    {
        if (sort is null)
        {
            return [.. rows];
        }

        var (column, descending) = sort.EndsWith(":desc", StringComparison.Ordinal) ? (sort[..^5], true) : (sort.Split(':')[0], false);
        var ordered = rows.OrderBy(r => r.GetValueOrDefault(column), StringComparer.Ordinal);
        return [.. descending ? ordered.Reverse() : ordered];
    }

    private static JsonObject Json(Dictionary<string, string> row, string[] columns) =>
        new(columns.Select(c => KeyValuePair.Create(c, (JsonNode?)JsonValue.Create(row[c]))));

    private static Task TextAsync(Call call, List<Dictionary<string, string>> rows, string[] columns)
    {
        var lines = new List<string[]>();
        if (call.Flag("v"))
        {
            lines.Add(columns);
        }

        lines.AddRange(rows.Select(row => columns.Select(c => row[c]).ToArray()));
        var widths = columns.Select((_, i) => lines.Count == 0 ? 0 : lines.Max(l => l[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendJoin(' ', line.Select((cell, i) => cell.PadRight(widths[i]))).Append('\n');
        }

        call.Http.Response.StatusCode = 200;
        call.Http.Response.ContentType = "text/plain; charset=UTF-8";
        return call.Http.Response.WriteAsync(text.ToString(), Encoding.UTF8);
    }
}
