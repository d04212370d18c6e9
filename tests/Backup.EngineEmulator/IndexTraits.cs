using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>What an index is besides its name: its aliases, whether it is hidden, whether it is closed.</summary>
internal sealed class IndexTraits
{
    public SortedSet<string> Aliases { get; } = new(StringComparer.Ordinal);

    public bool Hidden { get; init; }

    public bool Closed { get; set; }

    /// <summary>The <c>hidden</c> setting and the <c>aliases</c> of a create-index body; its mappings are accepted and ignored.</summary>
    public static IndexTraits FromCreateBody(JsonObject? body)
    {
        var settings = body?["settings"] as JsonObject;
        var hidden = settings?["index.hidden"] ?? settings?["hidden"] ?? (settings?["index"] as JsonObject)?["hidden"];
        var traits = new IndexTraits { Hidden = hidden?.ToString() == "true" };
        traits.Aliases.UnionWith((body?["aliases"] as JsonObject)?.Select(a => a.Key) ?? []);
        return traits;
    }

    /// <summary>
    /// Whether a wildcard reaches an index under <c>expand_wildcards</c> (a comma list of open, closed, hidden, all,
    /// none): its state must be asked for, and a hidden index is reached only when hidden is asked for too.
    /// </summary>
    public bool ExpandedBy(IReadOnlyCollection<string> expand) =>
        expand.Contains("all")
        || (expand.Contains(Closed ? "closed" : "open") && (!Hidden || expand.Contains("hidden")));

    public string[] Attributes() =>
        [.. new[] { Closed ? "closed" : "open", Hidden ? "hidden" : "" }.Where(a => a.Length > 0).Order(StringComparer.Ordinal)];
}

internal static class IndexTraitsOfState
{
    /// <summary>The traits of an existing index; an index created without any has none. Holds the gate.</summary>
    public static IndexTraits TraitsOf(this EngineState state, string index)
    {
        var uuid = state.Indices[index];
        if (!state.Traits.TryGetValue(uuid, out var traits))
        {
            traits = new IndexTraits();
            state.Traits[uuid] = traits;
        }

        return traits;
    }

    /// <summary>The index names a wildcard reaches under the call's <c>expand_wildcards</c>, or its default. Holds the gate.</summary>
    public static Func<string, bool> Expandable(this EngineState state, Call call, string fallback)
    {
        var expand = (call.Query("expand_wildcards") ?? fallback).Split(',', StringSplitOptions.TrimEntries);
        return name => state.TraitsOf(name).ExpandedBy(expand);
    }

    /// <summary>Alias name → the indices it points at, in name order. Holds the gate.</summary>
    public static SortedDictionary<string, List<string>> AliasMap(this EngineState state)
    {
        var map = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var index in state.Indices.Keys)
        {
            foreach (var alias in state.TraitsOf(index).Aliases)
            {
                (map.TryGetValue(alias, out var list) ? list : map[alias] = []).Add(index);
            }
        }

        return map;
    }
}
