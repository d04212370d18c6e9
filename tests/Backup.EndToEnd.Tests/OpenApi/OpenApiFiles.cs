using System.Reflection;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Backup.EndToEnd.Tests.OpenApi;

/// <summary>The OpenAPI tests' folder in the source tree, and JSON Schema 2020-12 validation (JsonSchema.Net) against an OpenAPI document's schemas.</summary>
internal static class OpenApiFiles
{
    public static readonly string Folder =
        typeof(OpenApiFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OpenApiDir").Value!;

    public static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "Fixtures", name)))!;

    /// <summary>Where <paramref name="value"/> breaks <paramref name="schema"/>, whose references point into <paramref name="document"/>'s components.</summary>
    public static IReadOnlyList<string> Violations(JsonNode? value, JsonNode schema, JsonNode document)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var results = JsonSchema.FromText(text).Evaluate(value, Options);
        return results.IsValid ? [] : Violations(results);
    }

    /// <summary>Every failure listed; each evaluation has a registry of its own, so schemas of one $id never meet.</summary>
    public static EvaluationOptions Options => new() { OutputFormat = OutputFormat.List };

    public static IReadOnlyList<string> Violations(EvaluationResults results) =>
        [.. (results.Details ?? []).Prepend(results)
            .SelectMany(r => (r.Errors ?? new Dictionary<string, string>()).Select(e => $"{r.InstanceLocation} ({e.Key}): {e.Value}"))];
}
