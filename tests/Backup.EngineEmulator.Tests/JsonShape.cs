using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator.Tests;

/// <summary>
/// Compares two JSON documents by shape: the same fields, nesting and value kinds, whatever the values. Where a
/// fixture's array holds elements of several shapes, a field is required when every element has it and allowed when
/// any has it. Objects keyed by data (index names, repository names, shard numbers) are compared by their values.
/// </summary>
internal static class JsonShape
{
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, params string[] maps)
    {
        var differences = new List<string>();
        Compare([expected], actual, "$", maps, differences);
        return differences;
    }

    private static void Compare(IReadOnlyList<JsonNode?> expected, JsonNode? actual, string path, string[] maps, List<string> differences)
    {
        var samples = expected.Where(e => e is not null).ToList();
        if (samples.Count == 0)
        {
            return;
        }

        var kind = Kind(actual);
        if (samples.All(e => Kind(e) != kind))
        {
            differences.Add($"{path}: expected {Kind(samples[0])}, got {kind}");
            return;
        }

        switch (actual)
        {
            case JsonObject obj when maps.Contains(path):
                var values = samples.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Value)).ToList();
                foreach (var (key, value) in obj)
                {
                    Compare(values, value, $"{path}.*", maps, differences);
                }

                break;
            case JsonObject obj:
                var objects = samples.OfType<JsonObject>().ToList();
                var required = objects.Select(o => o.Select(p => p.Key)).Aggregate((a, b) => a.Intersect(b)).ToHashSet();
                var allowed = objects.SelectMany(o => o.Select(p => p.Key)).ToHashSet();
                differences.AddRange(required.Where(k => !obj.ContainsKey(k)).Select(k => $"{path}.{k}: missing"));
                foreach (var (key, value) in obj)
                {
                    if (!allowed.Contains(key))
                    {
                        differences.Add($"{path}.{key}: not in the fixture");
                        continue;
                    }

                    Compare([.. objects.Where(o => o.ContainsKey(key)).Select(o => o[key])], value, $"{path}.{key}", maps, differences);
                }

                break;
            case JsonArray array:
                var elements = samples.OfType<JsonArray>().SelectMany(a => a).ToList();
                if (elements.Count == 0)
                {
                    return;
                }

                foreach (var element in array)
                {
                    Compare(elements, element, $"{path}[]", maps, differences);
                }

                break;
        }
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "object",
    };
}
