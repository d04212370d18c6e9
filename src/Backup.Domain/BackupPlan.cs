namespace Backup.Domain;

/// <summary>
/// Which indices go into which part of a backup: the original's six parts, in the original's order, so that state
/// others depend on (import positions) is captured before the data it points to.
/// </summary>
public sealed record BackupPlan(BackupId Id, Component Component, string Version, IReadOnlyList<BackupPart> Parts)
{
    public const int PartCount = 6;

    public SnapshotName SnapshotNameOf(int partNumber) => new(Component, Id, Version, partNumber, PartCount);

    public IReadOnlyList<SnapshotName> SnapshotNames => [.. Parts.Select(p => SnapshotNameOf(p.Number))];

    /// <summary>
    /// Puts every index under the prefix into exactly one part: main indices by tier, dated copies after their
    /// templates' main indices, and an index no tier names into the last part rather than nowhere.
    /// </summary>
    /// <returns>The plan, or an error naming the required indices that do not exist.</returns>
    public static Result<BackupPlan> Create(
        BackupId id, ComponentProfile profile, string indexPrefix, string version, IEnumerable<string> existingIndices)
    {
        var parts = Enumerable.Range(0, PartCount).Select(_ => new List<string>()).ToArray();
        var present = new HashSet<string>(StringComparer.Ordinal);

        foreach (var index in existingIndices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!IndexName.TryParse(indexPrefix, index, out var name) || profile.Find(name.Name) is not { } descriptor)
            {
                if (index.StartsWith(indexPrefix + "-", StringComparison.Ordinal))
                {
                    parts[PartCount - 1].Add(index);
                }

                continue;
            }

            if (!name.IsDatedCopy)
            {
                present.Add(descriptor.Name);
            }

            parts[PartOf(descriptor, name) - 1].Add(index);
        }

        var missing = profile.Indices
            .Where(d => IsRequired(d, version) && !present.Contains(d.Name))
            .Select(d => $"{indexPrefix}-{d.Name}-*_")
            .ToList();
        if (missing.Count > 0)
        {
            return Error.EngineFailure(
                $"Cannot back up {profile.Component.Name()}: required indices are missing: {string.Join(", ", missing)}. "
                + $"Check Backup:IndexPrefix (now '{indexPrefix}') and that {profile.Component.Name()} has started against this engine. Nothing was created.");
        }

        return new BackupPlan(id, profile.Component, version,
            [.. parts.Select((indices, i) => new BackupPart(i + 1, indices.Count > 0 ? indices : MatchNothing(indexPrefix)))]);
    }

    private static int PartOf(IndexDescriptor descriptor, IndexName name) => (descriptor.Tier, name.IsDatedCopy, descriptor.Kind) switch
    {
        (1, false, _) => 1,
        (2, false, _) => 2,
        (2, true, IndexKind.Template) => 3,
        (3, false, _) => 4,
        (3, true, IndexKind.Template) => 5,
        _ => PartCount,
    };

    private static bool IsRequired(IndexDescriptor descriptor, string version) =>
        descriptor.Kind is IndexKind.Index or IndexKind.Template
        && (descriptor.Since is null || ReleaseOf(version) is not { } release || release >= descriptor.Since);

    private static System.Version? ReleaseOf(string version)
    {
        var numeric = version.Split('-', '+')[0];
        return System.Version.TryParse(numeric, out var release) ? release : null;
    }

    /// <summary>
    /// A part with no index still gets its snapshot (a backup always has all its parts), but an empty list would
    /// snapshot the whole cluster: ask for a wildcard that its own exclusion cancels, which matches no index.
    /// </summary>
    private static string[] MatchNothing(string indexPrefix) => [$"{indexPrefix}-*", $"-{indexPrefix}-*"];
}
