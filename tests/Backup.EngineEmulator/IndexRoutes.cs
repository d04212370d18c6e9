using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>Indices: create, delete and exists.</summary>
internal static class IndexRoutes
{
    public static Task HandleAsync(Call call, string index) => call.Method switch
    {
        "PUT" => CreateAsync(call, index),
        "DELETE" => DeleteAsync(call, index),
        "HEAD" or "GET" => ExistsAsync(call, index),
        _ => call.NoHandlerAsync(),
    };

    private static Task CreateAsync(Call call, string index)
    {
        lock (call.State.Gate)
        {
            if (call.State.Indices.TryGetValue(index, out var uuid))
            {
                return call.ErrorAsync(400, "resource_already_exists_exception", $"index [{index}/{uuid}] already exists",
                    new JsonObject { ["index_uuid"] = uuid, ["index"] = index });
            }

            if (!index.Equals(index.ToLowerInvariant(), StringComparison.Ordinal) || index.StartsWith('-') || index.StartsWith('+'))
            {
                return call.ErrorAsync(400, "invalid_index_name_exception", $"Invalid index name [{index}], must be lowercase",
                    new JsonObject { ["index_uuid"] = "_na_", ["index"] = index });
            }

            var created = Ids.New();
            call.State.Indices[index] = created;
            call.State.Traits[created] = IndexTemplateRoutes.Apply(call.State, index, IndexTraits.FromCreateBody(call.JsonBody()));
        }

        return call.OkAsync(new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = index });
    }

    private static Task DeleteAsync(Call call, string expression)
    {
        lock (call.State.Gate)
        {
            var (names, missing) = NameExpression.Resolve(NameExpression.Split(expression), [.. call.State.Indices.Keys], ignoreUnavailable: false);
            if (missing is not null)
            {
                return call.ErrorAsync(Wire.IndexNotFound(missing));
            }

            foreach (var name in names)
            {
                call.State.Indices.Remove(name);
            }
        }

        return call.AcknowledgedAsync();
    }

    private static Task ExistsAsync(Call call, string index)
    {
        bool exists;
        lock (call.State.Gate)
        {
            exists = call.State.Indices.ContainsKey(index);
        }

        if (call.Method == "HEAD")
        {
            call.Http.Response.StatusCode = exists ? 200 : 404;
            return Task.CompletedTask;
        }

        return exists
            ? call.OkAsync(new JsonObject { [index] = new JsonObject { ["aliases"] = Aliases(call, index), ["settings"] = new JsonObject() } })
            : call.ErrorAsync(Wire.IndexNotFound(index));
    }

    private static JsonObject Aliases(Call call, string index)
    {
        lock (call.State.Gate)
        {
            return new JsonObject([.. call.State.TraitsOf(index).Aliases.Select(a => KeyValuePair.Create(a, (JsonNode?)new JsonObject()))]);
        }
    }
}
