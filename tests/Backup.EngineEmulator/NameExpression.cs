namespace Backup.EngineEmulator;

/// <summary>
/// The engines' multi-target syntax over a set of names: comma lists, <c>*</c> wildcards, <c>-exclusions</c> that
/// remove what earlier parts matched, and <c>_all</c> / <c>*</c> / an empty expression for everything.
/// </summary>
internal static class NameExpression
{
    /// <param name="expandable">Which names a wildcard may reach (open, closed, hidden: <c>expand_wildcards</c>); all when null.</param>
    /// <returns>The matching names in the order of <paramref name="names"/>; or the first exact name that does not exist.</returns>
    public static (IReadOnlyList<string> Matches, string? Missing) Resolve(
        IReadOnlyList<string> parts, IReadOnlyList<string> names, bool ignoreUnavailable, Func<string, bool>? expandable = null)
    {
        if (parts.Count == 0 || (parts.Count == 1 && parts[0] is "_all" or "*" or ""))
        {
            return ([.. names.Where(n => expandable?.Invoke(n) ?? true)], null);
        }

        var selected = new HashSet<string>(StringComparer.Ordinal);
        var sawWildcard = false;
        foreach (var part in parts)
        {
            if (part.StartsWith('-') && sawWildcard)
            {
                var excluded = part[1..].Split('*');
                selected.RemoveWhere(n => Matches(excluded, n));
                continue;
            }

            if (part.Contains('*', StringComparison.Ordinal) || part == "_all")
            {
                sawWildcard = true;
                var pieces = part.Split('*');
                selected.UnionWith(names.Where(n => (part == "_all" || Matches(pieces, n)) && (expandable?.Invoke(n) ?? true)));
                continue;
            }

            if (names.Contains(part, StringComparer.Ordinal))
            {
                selected.Add(part);
            }
            else if (!ignoreUnavailable)
            {
                return ([], part);
            }
        }

        return ([.. names.Where(selected.Contains)], null);
    }

    public static IReadOnlyList<string> Split(string? expression) =>
        string.IsNullOrEmpty(expression) ? [] : expression.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>A simple wildcard match, where <c>*</c> stands for any run of characters.</summary>
    public static bool Matches(string pattern, string name) => Matches(pattern.Split('*'), name);

    /// <param name="pieces">The pattern split at its wildcards, once for all the names it is matched against.</param>
    private static bool Matches(string[] pieces, string name)
    {
        if (pieces.Length == 1)
        {
            return pieces[0] == name;
        }

        if (!name.StartsWith(pieces[0], StringComparison.Ordinal) || !name.EndsWith(pieces[^1], StringComparison.Ordinal)
            || name.Length < pieces[0].Length + pieces[^1].Length)
        {
            return false;
        }

        var position = pieces[0].Length;
        var end = name.Length - pieces[^1].Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var found = name.IndexOf(pieces[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + pieces[i].Length;
        }

        return true;
    }
}
