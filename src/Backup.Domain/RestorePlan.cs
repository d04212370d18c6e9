namespace Backup.Domain;

/// <summary>One part to restore: its snapshot, the indices it holds, and which of them exist in the engine now.</summary>
public sealed record RestorePart(SnapshotName Snapshot, IReadOnlyList<string> Indices, IReadOnlyList<string> Existing);

/// <summary>
/// How a backup is restored: its parts in part order (1..N, the order they were taken in), each snapshot's indices,
/// and what stands in the way. Only indices that are in the backup, under the component's index roots (for webapps:
/// <c>operate-</c>, <c>tasklist-</c> and <c>camunda-</c> after the prefix) and named as this service's indices are
/// (<see cref="IndexName"/>) may be deleted to make room or restored; a backup holding any other index (a crafted
/// snapshot, another prefix, another component's index) is refused whole, and nothing else in the engine is touched.
/// </summary>
public sealed record RestorePlan(BackupId Id, Component Component, string IndexPrefix, IReadOnlyList<RestorePart> Parts)
{
    /// <summary>Where the names of the indices that may be deleted start: <c>operate-</c>, or 8.8's three families.</summary>
    public IReadOnlyList<string> IndexRoots => ComponentProfile.For(Component).IndexRoots(IndexPrefix);

    public IReadOnlyList<string> Indices => [.. Parts.SelectMany(p => p.Indices)];

    /// <summary>Indices of the backup that exist now: the engine refuses to restore over an open one.</summary>
    public IReadOnlyList<string> Existing => [.. Parts.SelectMany(p => p.Existing)];

    /// <summary>The existing indices <c>--delete-existing</c> removes: in the backup, and the component's own.</summary>
    public IReadOnlyList<string> Deletable => [.. Existing.Where(IsOwn)];

    /// <summary>Indices of the backup that are not the component's own: never deleted nor restored, so they block a restore.</summary>
    public IReadOnlyList<string> Foreign => [.. Indices.Where(i => !IsOwn(i))];

    /// <summary>
    /// Plans the restore of a backup whose parts' snapshots hold <paramref name="indicesByPart"/>; refused unless the
    /// backup is COMPLETED (a partial restore leaves the component with data that points nowhere).
    /// </summary>
    public static Result<RestorePlan> Create(
        BackupReport backup,
        Component component,
        string indexPrefix,
        IReadOnlyDictionary<SnapshotName, IReadOnlyList<string>> indicesByPart,
        IEnumerable<string> existingIndices)
    {
        if (backup.State != BackupState.Completed)
        {
            return Error.Invalid(
                $"Backup [{backup.Id}] is {backup.State.Name()}, not COMPLETED: it cannot be restored. {backup.FailureReason} "
                + "Restore another backup (backup list shows them).");
        }

        var existing = existingIndices.ToHashSet(StringComparer.Ordinal);
        var parts = new List<RestorePart>();
        foreach (var snapshot in backup.Parts.OrderBy(p => p.Name.PartNumber))
        {
            if (!indicesByPart.TryGetValue(snapshot.Name, out var indices))
            {
                return Error.EngineFailure($"The engine did not report the indices of snapshot {snapshot.Name}; nothing was changed. Try again.");
            }

            var ordered = indices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            parts.Add(new RestorePart(snapshot.Name, ordered, [.. ordered.Where(existing.Contains)]));
        }

        return new RestorePlan(backup.Id, component, indexPrefix, parts);
    }

    /// <summary>Whether the restore may go ahead: nothing of the backup exists, or only what may be deleted and is allowed to be.</summary>
    public Result CheckCanRestore(bool deleteExisting)
    {
        if (Foreign.Count > 0)
        {
            return Error.Invalid(
                $"Backup [{Id}] holds indices that are not {Component.Name()}'s own (under '{string.Join("', '", IndexRoots)}', named <name>-<version>_...), so nothing of it is deleted or restored: "
                + $"{string.Join(", ", Foreign)}. Check Backup:IndexPrefix (--index-prefix); a snapshot this service did not write is never restored.");
        }

        if (Existing.Count > 0 && !deleteExisting)
        {
            return Error.Invalid(
                $"{Existing.Count} indices of backup [{Id}] exist already (e.g. {string.Join(", ", Existing.Take(3))}); the engine cannot restore over them. "
                + "Stop the component, then run again with --delete-existing to delete exactly these indices first.");
        }

        return Result.Success();
    }

    private bool IsOwn(string index) =>
        ComponentProfile.For(Component).Owns(IndexPrefix, index) && IndexName.TryParse(IndexPrefix, index, out _);
}
