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
        var root = new PathNode();
        foreach (var path in filterPath.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            root.Add(path.Split('.'));
        }

        return Keep(body, root) ? body : new JsonObject();
    }

    /// <summary>Removes, in place, what no path names; false when nothing of <paramref name="node"/> is left.</summary>
    private static bool Keep(JsonNode? node, PathNode paths)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (!Keep(array[i], paths))
                    {
                        array.RemoveAt(i);
                    }
                }

                return array.Count > 0;
            case JsonObject obj:
                List<string>? dropped = null;
                foreach (var (name, value) in obj)
                {
                    var next = paths.Next(name);
                    if (next is null || (!next.IsWhole && !Keep(value, next)))
                    {
                        (dropped ??= []).Add(name);
                    }
                }

                dropped?.ForEach(name => obj.Remove(name));
                return obj.Count > 0;
            default:
                return false;
        }
    }

    /// <summary>The paths as a tree of field names, so each field is looked up once, not matched against every path.</summary>
    private sealed class PathNode
    {
        private readonly Dictionary<string, PathNode> _fields = new(StringComparer.Ordinal);

        public bool IsWhole { get; private set; }

        public void Add(ReadOnlySpan<string> path)
        {
            if (path.IsEmpty)
            {
                IsWhole = true;
                return;
            }

            if (!_fields.TryGetValue(path[0], out var next))
            {
                _fields[path[0]] = next = new PathNode();
            }

            next.Add(path[1..]);
        }

        public PathNode? Next(string name) => _fields.GetValueOrDefault(name) ?? _fields.GetValueOrDefault("*");
    }
}
