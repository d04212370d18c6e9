using System.Text.RegularExpressions;

namespace Backup.Domain;

/// <summary>
/// A component index name, <c>&lt;prefix&gt;-&lt;name&gt;-&lt;schemaVersion&gt;_</c> for a main index or
/// <c>&lt;prefix&gt;-&lt;name&gt;-&lt;schemaVersion&gt;_&lt;date&gt;</c> for a dated copy of a template's index.
/// </summary>
public readonly partial record struct IndexName(string FullName, string Name, string SchemaVersion, string Suffix)
{
    public bool IsDatedCopy => Suffix.Length > 0;

    /// <summary>
    /// Reads an index name under <paramref name="prefix"/>. The schema version is matched as digits, so that
    /// <c>operate-user-task-8.5.0_</c> reads as <c>user-task</c>, never as <c>user</c>. An empty prefix (8.8's default)
    /// reads the whole name: <c>operate-list-view-8.3.0_</c> is <c>operate-list-view</c>.
    /// </summary>
    public static bool TryParse(string prefix, string fullName, out IndexName index)
    {
        index = default;
        var start = prefix.Length == 0 ? "" : prefix + "-";
        if (!fullName.StartsWith(start, StringComparison.Ordinal))
        {
            return false;
        }

        var match = Pattern().Match(fullName[start.Length..]);
        if (!match.Success)
        {
            return false;
        }

        index = new IndexName(fullName, match.Groups["name"].Value, match.Groups["version"].Value, match.Groups["suffix"].Value);
        return true;
    }

    /// <summary>Whether <paramref name="prefix"/> can start this service's index names: no wildcard, comma or newline.</summary>
    public static bool IsValidPrefix(string? prefix) => prefix is not null && PrefixPattern().IsMatch(prefix);

    [GeneratedRegex(@"^(?<name>[a-z0-9-]+?)-(?<version>[0-9]+\.[0-9]+\.[0-9]+)_(?<suffix>[a-z0-9._-]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
