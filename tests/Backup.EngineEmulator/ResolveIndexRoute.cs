using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// <c>GET _resolve/index/&lt;expression&gt;</c>: the indices and aliases an expression names, each index with its
/// aliases and attributes (open or closed, hidden). Wildcards reach open, non-hidden indices unless
/// <c>expand_wildcards</c> asks for more; exact names reach any index.
/// </summary>
internal static class ResolveIndexRoute
{
    public static Task HandleAsync(Call call, string expression)
    {
        var indices = new JsonArray();
        var aliases = new JsonArray();
        lock (call.State.Gate)
        {
            var parts = NameExpression.Split(expression);
            var (names, _) = NameExpression.Resolve(parts, [.. call.State.Indices.Keys], ignoreUnavailable: true, call.State.Expandable(call, "open"));
            foreach (var name in names)
            {
                var traits = call.State.TraitsOf(name);
                var index = new JsonObject { ["name"] = name };
                if (traits.Aliases.Count > 0)
                {
                    index["aliases"] = Wire.Strings(traits.Aliases);
                }

                index["attributes"] = Wire.Strings(traits.Attributes());
                indices.Add(index);
            }

            var map = call.State.AliasMap();
            var (aliasNames, _) = NameExpression.Resolve(parts, [.. map.Keys], ignoreUnavailable: true);
            foreach (var alias in aliasNames)
            {
                aliases.Add(new JsonObject { ["name"] = alias, ["indices"] = Wire.Strings(map[alias]) });
            }
        }

        return call.OkAsync(new JsonObject { ["indices"] = indices, ["aliases"] = aliases, ["data_streams"] = new JsonArray() });
    }
}
