using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// Composable index templates, <c>_index_template[/&lt;name&gt;]</c>: put, get, exists and delete. A new index takes
/// the aliases and the hidden setting of the one matching template with the highest priority; component templates
/// (<c>composed_of</c>) are accepted and not resolved.
/// </summary>
internal static class IndexTemplateRoutes
{
    public static Task HandleAsync(Call call, string? name) => (call.Method, name) switch
    {
        ("PUT" or "POST", { } template) => PutAsync(call, template),
        ("GET", _) => GetAsync(call, name),
        ("HEAD", { } template) => ExistsAsync(call, template),
        ("DELETE", { } template) => DeleteAsync(call, template),
        _ => call.NoHandlerAsync(),
    };

    /// <summary>What the best matching template gives an index created by name. Holds the gate.</summary>
    public static IndexTraits Apply(EngineState state, string index, IndexTraits own)
    {
        var template = state.IndexTemplates.Values
            .Where(t => t["index_patterns"] is { } patterns && Patterns(patterns).Any(p => NameExpression.Matches(p, index)))
            .OrderByDescending(t => (long?)t["priority"] ?? 0)
            .FirstOrDefault()?["template"] as JsonObject;
        if (template is null)
        {
            return own;
        }

        var given = IndexTraits.FromCreateBody(template);
        var merged = new IndexTraits { Hidden = own.Hidden || given.Hidden };
        merged.Aliases.UnionWith(own.Aliases.Concat(given.Aliases));
        return merged;
    }

    private static Task PutAsync(Call call, string name)
    {
        var body = call.JsonBody();
        if (body?["index_patterns"] is null)
        {
            return call.ErrorAsync(400, "action_request_validation_exception", "Validation Failed: 1: index patterns are missing;");
        }

        lock (call.State.Gate)
        {
            if (call.Flag("create") && call.State.IndexTemplates.ContainsKey(name))
            {
                return call.ErrorAsync(400, "illegal_argument_exception", $"index template [{name}] already exists");
            }

            call.State.IndexTemplates[name] = body;
        }

        return call.AcknowledgedAsync();
    }

    private static Task GetAsync(Call call, string? expression)
    {
        var templates = new JsonArray();
        lock (call.State.Gate)
        {
            var (names, missing) = NameExpression.Resolve(NameExpression.Split(expression), [.. call.State.IndexTemplates.Keys], ignoreUnavailable: false);
            if (missing is not null || (names.Count == 0 && expression is not null && expression != "*"))
            {
                return call.ErrorAsync(404, "resource_not_found_exception", $"index template matching [{expression}] not found");
            }

            foreach (var name in names)
            {
                templates.Add(new JsonObject { ["name"] = name, ["index_template"] = call.State.IndexTemplates[name].DeepClone() });
            }
        }

        return call.OkAsync(new JsonObject { ["index_templates"] = templates });
    }

    private static Task ExistsAsync(Call call, string name)
    {
        lock (call.State.Gate)
        {
            call.Http.Response.StatusCode = call.State.IndexTemplates.ContainsKey(name) ? 200 : 404;
        }

        return Task.CompletedTask;
    }

    private static Task DeleteAsync(Call call, string expression)
    {
        lock (call.State.Gate)
        {
            var (names, missing) = NameExpression.Resolve(NameExpression.Split(expression), [.. call.State.IndexTemplates.Keys], ignoreUnavailable: false);
            if (missing is not null || names.Count == 0)
            {
                return call.ErrorAsync(404, "index_template_missing_exception", $"index_template [{missing ?? expression}] missing");
            }

            foreach (var name in names)
            {
                call.State.IndexTemplates.Remove(name);
            }
        }

        return call.AcknowledgedAsync();
    }

    private static IEnumerable<string> Patterns(JsonNode patterns) =>
        patterns is JsonArray array ? array.Select(p => (string)p!) : NameExpression.Split((string?)patterns);
}
