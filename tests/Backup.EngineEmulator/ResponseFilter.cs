using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// The engines' <c>filter_path</c>: keeps only the fields named by dotted paths (<c>*</c> matches any one field name;
/// arrays are walked through), and drops objects and arrays left empty. Error answers are never filtered.
/// </summary>
internal static class ResponseFilter
{
    public static JsonNode Apply(JsonNode body, string filterPath)
    {
        var paths = filterPath.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('.'))
            .ToList();
        return Keep(body, paths, 0) ?? new JsonObject();
    }

    private static JsonNode? Keep(JsonNode? node, List<string[]> paths, int depth)
    {
        switch (node)
        {
            case JsonArray array:
                var items = array.Select(item => Keep(item, paths, depth)).Where(item => item is not null).ToList();
                return items.Count == 0 ? null : new JsonArray([.. items]);
            case JsonObject obj:
                var kept = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    var matching = paths.Where(p => p.Length > depth && (p[depth] == "*" || p[depth] == name)).ToList();
                    if (matching.Count == 0)
                    {
                        continue;
                    }

                    var whole = matching.Exists(p => p.Length == depth + 1);
                    var child = whole ? value?.DeepClone() : Keep(value, matching, depth + 1);
                    if (whole || child is not null)
                    {
                        kept[name] = child;
                    }
                }

                return kept.Count == 0 ? null : kept;
            default:
                return null;
        }
    }
}
