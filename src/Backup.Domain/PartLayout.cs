namespace Backup.Domain;

/// <summary>
/// How a profile's tiers become parts: the candidate part of each tier's main indices and of its templates' dated
/// copies (a dated copy of a plain index, or an index no tier names, goes to the last part).
/// </summary>
/// <param name="SkipsEmptyParts">
/// 8.8 takes only the parts that have an index, so its part count shrinks; 8.7 always took all of them.
/// </param>
public sealed record PartLayout(IReadOnlyList<int> MainPartByTier, IReadOnlyList<int> DatedPartByTier, bool SkipsEmptyParts)
{
    /// <summary>8.7: six parts, always all of them.</summary>
    public static PartLayout Camunda87 { get; } = new([1, 2, 4, 6], [6, 3, 5, 6], SkipsEmptyParts: false);

    /// <summary>
    /// 8.8: up to seven parts. Dated copies of tier 3 (operations) join tier 4's dated part and those of tier 5
    /// (usage metrics) the last part, where the original left them out of every part (camunda/camunda#47122).
    /// </summary>
    public static PartLayout Camunda88 { get; } = new([1, 2, 4, 5, 7], [7, 3, 6, 6, 7], SkipsEmptyParts: true);

    public int CandidateCount => MainPartByTier.Concat(DatedPartByTier).Max();

    public int PartOf(IndexDescriptor? descriptor, IndexName name) => descriptor switch
    {
        null => CandidateCount,
        { Kind: IndexKind.Index } when name.IsDatedCopy => CandidateCount,
        _ => (name.IsDatedCopy ? DatedPartByTier : MainPartByTier)[descriptor.Tier - 1],
    };
}
