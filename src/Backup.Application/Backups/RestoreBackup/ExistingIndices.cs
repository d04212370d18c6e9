using Backup.Application.Abstractions;
using Backup.Domain;

namespace Backup.Application.Backups.RestoreBackup;

/// <summary>Which indices of a backup exist now: what a restore would have to delete, and what it verifies afterwards.</summary>
public static class ExistingIndices
{
    /// <summary>
    /// Which of these exact indices exist. Looked up by wildcard on each name's first segment (<c>operate-*</c>), which
    /// never fails on a missing name and keeps the request short however many indices a backup holds.
    /// </summary>
    public static async Task<Result<HashSet<string>>> FindAsync(
        ISnapshotRepository snapshots, IReadOnlyList<string> indices, CancellationToken cancellationToken)
    {
        var wanted = indices.ToHashSet(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in wanted.Select(PatternOf).Distinct(StringComparer.Ordinal))
        {
            var matching = await snapshots.GetIndicesAsync(pattern, cancellationToken);
            if (!matching.IsSuccess)
            {
                return matching.Error;
            }

            found.UnionWith(matching.Value.Where(wanted.Contains));
        }

        return found;
    }

    private static string PatternOf(string index) =>
        index.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash ? index[..(dash + 1)] + "*" : index + "*";
}
