using System.Text;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>One column of a <c>_cat</c> table: its name, its short aliases and what <c>help</c> says of it.</summary>
internal sealed record CatColumn(string Name, string Aliases, string Description);

/// <summary>
/// How every <c>_cat</c> API answers: a whitespace-aligned text table by default, JSON with <c>format=json</c>;
/// <c>v</c> adds the header line, <c>h</c> picks columns, <c>s</c> sorts (<c>col:desc</c> backwards) and <c>help</c>
/// lists the columns instead.
/// </summary>
internal static class CatTable
{
    public static Task WriteAsync(Call call, IReadOnlyList<CatColumn> columns, IEnumerable<Dictionary<string, string>> rows)
    {
        if (call.Flag("help"))
        {
            return TextAsync(call, [.. columns.Select(c => new[] { c.Name, "|", c.Aliases, "|", c.Description })]);
        }

        var names = columns.Select(c => c.Name).ToArray();
        var chosen = call.Query("h")?.Split(',').Where(names.Contains).ToArray() ?? names;
        var sorted = Sorted(call.Query("s"), rows);
        if (call.Query("format") == "json")
        {
            return call.OkAsync(new JsonArray([.. sorted.Select(row => Json(row, chosen))]));
        }

        var lines = new List<string[]>();
        if (call.Flag("v"))
        {
            lines.Add(chosen);
        }

        lines.AddRange(sorted.Select(row => chosen.Select(c => row[c]).ToArray()));
        return TextAsync(call, lines);
    }

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

    private static Task TextAsync(Call call, List<string[]> lines)
    {
        var count = lines.Count == 0 ? 0 : lines[0].Length;
        var widths = Enumerable.Range(0, count).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendJoin(' ', line.Select((cell, i) => cell.PadRight(widths[i]))).Append('\n');
        }

        return call.WholeAsync(200, "text/plain; charset=UTF-8", text.ToString());
    }
}
