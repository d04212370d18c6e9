namespace Backup.Domain;

/// <summary>
/// Which indices go into which part of a backup, in the original's order, so that state others depend on (import
/// positions) is captured before the data it points to.
/// </summary>
public sealed record BackupPlan(BackupId Id, Component Component, string Version, IReadOnlyList<BackupPart> Parts)
{
    /// <summary>How many parts the backup has: what was actually planned, which for 8.8 depends on the indices.</summary>
    public int PartCount => Parts.Count;

    public SnapshotName SnapshotNameOf(int partNumber) => new(Component, Id, Version, partNumber, PartCount);

    public IReadOnlyList<SnapshotName> SnapshotNames => [.. Parts.Select(p => SnapshotNameOf(p.Number))];

    /// <summary>
    /// Puts every index of the component into exactly one part: main indices by tier, dated copies in the profile's
    /// parts for them, and an index no tier names into the last part rather than nowhere. A candidate part with no
    /// index is skipped when the profile's layout says so (8.8), and otherwise asks for nothing (8.7).
    /// </summary>
    /// <returns>The plan, or an error naming every required index that does not exist.</returns>
    public static Result<BackupPlan> Create(
        BackupId id, ComponentProfile profile, string indexPrefix, string version, IEnumerable<string> existingIndices)
    {
        var layout = profile.Layout;
        var candidates = Enumerable.Range(0, layout.CandidateCount).Select(_ => new List<string>()).ToArray();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var roots = profile.IndexRoots(indexPrefix);

        foreach (var index in existingIndices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!roots.Any(root => index.StartsWith(root, StringComparison.Ordinal)))
            {
                continue;
            }

            if (!IndexName.TryParse(indexPrefix, index, out var name) || profile.Find(name.Name) is not { } descriptor)
            {
                candidates[^1].Add(index);
                continue;
            }

            if (!name.IsDatedCopy)
            {
                present.Add(descriptor.Name);
            }

            candidates[layout.PartOf(descriptor, name) - 1].Add(index);
        }

        var missing = profile.Indices
            .Where(d => IsRequired(d, version) && !present.Contains(d.Name))
            .Select(d => $"{indexPrefix}{(indexPrefix.Length == 0 ? "" : "-")}{d.Name}-*_")
            .ToList();
        if (missing.Count > 0)
        {
            return Error.EngineFailure(
                $"Missing indices: [{string.Join(", ", missing)}]. Cannot back up {profile.Component.Name()}: these required indices do not exist. "
                + $"Check Backup:IndexPrefix (now '{indexPrefix}') and that {profile.Component.Name()} has started against this engine. Nothing was created.");
        }

        var kept = layout.SkipsEmptyParts ? candidates.Where(indices => indices.Count > 0).ToList() : [.. candidates];
        return new BackupPlan(id, profile.Component, version,
            [.. kept.Select((indices, i) => new BackupPart(i + 1, indices.Count > 0 ? indices : MatchNothing(roots[0])))]);
    }

    private static bool IsRequired(IndexDescriptor descriptor, string version) =>
        descriptor.Kind is IndexKind.Index or IndexKind.Template
        && (descriptor.Since is null || ReleaseOf(version) is not { } release || release >= descriptor.Since);

    private static System.Version? ReleaseOf(string version)
    {
        var numeric = version.Split('-', '+')[0];
        return System.Version.TryParse(numeric, out var release) ? release : null;
    }

    /// <summary>
    /// An 8.7 part with no index still gets its snapshot (such a backup always has all its parts), but an empty list
    /// would snapshot the whole cluster: ask for a wildcard that its own exclusion cancels, which matches no index.
    /// </summary>
    private static string[] MatchNothing(string root) => [$"{root}*", $"-{root}*"];
}
