namespace Backup.Domain;

/// <summary>
/// Which of this service's snapshots to read, named by components and backup ids; <see cref="SnapshotName"/> writes
/// the engine's expression for them. Two selections are equal when they ask the engine the same question.
/// </summary>
public sealed class SnapshotSelection : IEquatable<SnapshotSelection>
{
    private readonly Func<SnapshotName, bool> _includes;

    private SnapshotSelection(string pattern, Func<SnapshotName, bool> includes)
    {
        Pattern = pattern;
        _includes = includes;
    }

    /// <summary>The engine's multi-target expression (comma-joined name patterns) for these snapshots.</summary>
    public string Pattern { get; }

    /// <summary>Every backup of one component.</summary>
    public static SnapshotSelection AllOf(Component component) =>
        new(SnapshotName.PatternFor(component), name => name.Component == component);

    /// <summary>Every part of one backup of one component.</summary>
    public static SnapshotSelection Backup(Component component, BackupId id) => Backups(component, [id]);

    /// <summary>Every part of these backups of one component.</summary>
    public static SnapshotSelection Backups(Component component, IReadOnlyCollection<BackupId> ids) =>
        new(SnapshotName.AnyOf(ids.Select(id => SnapshotName.PatternFor(component, id))), name => name.Component == component && ids.Contains(name.BackupId));

    /// <summary>Every part of the backup with this id, in any of these components.</summary>
    public static SnapshotSelection Backup(IReadOnlyCollection<Component> components, BackupId id) =>
        new(SnapshotName.AnyOf(components.Select(c => SnapshotName.PatternFor(c, id))), name => components.Contains(name.Component) && name.BackupId == id);

    /// <summary>
    /// The backups of these components whose ids match the listing's pattern: null or <c>*</c> for every backup, an id
    /// as written (<c>12</c>), or an id's first digits followed by <c>*</c> (<c>12*</c>).
    /// </summary>
    public static SnapshotSelection IdsMatching(IReadOnlyCollection<Component> components, string? idPattern) => idPattern switch
    {
        null or "*" => new(SnapshotName.AnyOf(components.Select(SnapshotName.PatternFor)), name => components.Contains(name.Component)),
        _ when idPattern.EndsWith('*') => new(
            SnapshotName.AnyOf(components.Select(c => SnapshotName.PatternForIdsStartingWith(c, idPattern[..^1]))),
            name => components.Contains(name.Component) && name.BackupId.ToString().StartsWith(idPattern[..^1], StringComparison.Ordinal)),
        _ => new(
            SnapshotName.AnyOf(components.Select(c => SnapshotName.PatternForIdWritten(c, idPattern))),
            name => components.Contains(name.Component) && name.BackupId.ToString() == idPattern),
    };

    /// <summary>
    /// Whether a snapshot belongs to the selection: the engine's patterns also match names that merely look alike,
    /// which are never taken for the selected backups' parts.
    /// </summary>
    public bool Includes(SnapshotName name) => _includes(name);

    public bool Equals(SnapshotSelection? other) => other is not null && string.Equals(Pattern, other.Pattern, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SnapshotSelection);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Pattern);

    public override string ToString() => Pattern;
}
