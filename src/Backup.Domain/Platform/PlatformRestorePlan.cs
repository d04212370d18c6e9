using System.Globalization;

namespace Backup.Domain.Platform;

/// <summary>A snapshot in the repository, whatever its name, with its engine state and the indices it holds.</summary>
public sealed record SnapshotContents(string Name, string? State, IReadOnlyList<string> Indices);

/// <summary>One snapshot of a platform backup to restore: whose it is, which indices it holds, which of them exist now.</summary>
/// <param name="Part">1-based, of <paramref name="PartCount"/>: a component's part, or 1 of 1 for the records snapshot.</param>
public sealed record PlatformRestorePart(
    PlatformComponent Component, string Snapshot, int Part, int PartCount, IReadOnlyList<string> Indices, IReadOnlyList<string> Existing);

/// <summary>
/// How a platform backup is restored from the engine's snapshots: every deployed web application's parts and the
/// records snapshot (<see cref="PlatformComponent.Zeebe"/>), in the order they were taken, each part in part order
/// (../shared/spec/platform-backup.md §7). Zeebe's own backup is in Zeebe's store: its brokers restore themselves.
/// Only the backup's own indices under each component's known prefix may be deleted or restored.
/// </summary>
public sealed record PlatformRestorePlan(BackupId Id, PlatformLine Line, string Version, IReadOnlyList<PlatformRestorePart> Parts, IReadOnlyList<string> Foreign)
{
    public IReadOnlyList<string> Indices => [.. Parts.SelectMany(p => p.Indices)];

    /// <summary>Indices of the backup that exist now: the engine refuses to restore over an open one.</summary>
    public IReadOnlyList<string> Existing => [.. Parts.SelectMany(p => p.Existing)];

    /// <summary>
    /// Checks that every component's backup is whole, SUCCESS and of one Camunda version on the configured line, and
    /// plans it; the refusal names the component and the part.
    /// </summary>
    /// <param name="components">The components the platform backup took (Zeebe stands for the records snapshot).</param>
    /// <param name="owners">Whether an index belongs to a component, under its known prefix.</param>
    public static Result<PlatformRestorePlan> Create(
        BackupId id,
        PlatformLine line,
        IReadOnlyCollection<PlatformComponent> components,
        IReadOnlyList<SnapshotContents> snapshots,
        IEnumerable<string> existingIndices,
        Func<PlatformComponent, string, bool> owners)
    {
        var existing = existingIndices.ToHashSet(StringComparer.Ordinal);
        var parts = new List<PlatformRestorePart>();
        var versions = new List<(PlatformComponent Component, string Version)>();
        // The web applications in the order their backups were started, then the records snapshot, taken after them.
        var order = PlatformPlan.Steps(line, components)
            .Where(s => s.Kind == PlatformStepKind.StartBackup && s.Component != PlatformComponent.Zeebe)
            .Select(s => s.Component)
            .Append(PlatformComponent.Zeebe);
        foreach (var component in order)
        {
            var found = PartsOf(component, id, snapshots);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            foreach (var (snapshot, version, number, count) in found.Value)
            {
                if (snapshot.State != "SUCCESS")
                {
                    return Error.Invalid($"{component.Name()}: part {number} of {count} ({snapshot.Name}) is {snapshot.State ?? "of unknown state"}, not SUCCESS: "
                        + $"platform backup {id} cannot be restored. Restore another platform backup (backup platform list shows them).");
                }

                var indices = snapshot.Indices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                parts.Add(new PlatformRestorePart(component, snapshot.Name, number, count, indices, [.. indices.Where(existing.Contains)]));
                if (version is not null)
                {
                    versions.Add((component, version));
                }
            }
        }

        var agreed = AgreedVersion(id, line, versions);
        if (!agreed.IsSuccess)
        {
            return agreed.Error;
        }

        var foreign = parts.SelectMany(p => p.Indices.Where(i => !owners(p.Component, i)).Select(i => $"{i} ({p.Snapshot})")).ToList();
        return new PlatformRestorePlan(id, line, agreed.Value, parts, foreign);
    }

    /// <summary>Whether the restore may go ahead: no foreign index, and nothing of the backup exists unless it may be deleted.</summary>
    public Result CheckCanRestore(bool deleteExisting)
    {
        if (Foreign.Count > 0)
        {
            return Error.Invalid($"Platform backup {Id} holds indices outside its components' known prefixes, so nothing of it is deleted or restored: "
                + $"{string.Join(", ", Foreign)}. Check Backup:IndexPrefix and Platform:ZeebeRecordPrefix; a snapshot this service cannot place is never restored.");
        }

        if (Existing.Count > 0 && !deleteExisting)
        {
            return Error.Invalid($"{Existing.Count} indices of platform backup {Id} exist already (e.g. {string.Join(", ", Existing.Take(3))}); the engine cannot restore over them. "
                + "Stop every component, then run again with --delete-existing to delete exactly these indices first.");
        }

        return Result.Success();
    }

    private static Result<List<(SnapshotContents Snapshot, string? Version, int Part, int Count)>> PartsOf(
        PlatformComponent component, BackupId id, IReadOnlyList<SnapshotContents> snapshots)
    {
        if (component == PlatformComponent.Zeebe)
        {
            var name = PlatformNames.RecordsSnapshot(id);
            return snapshots.FirstOrDefault(s => s.Name == name) is { } records
                ? new List<(SnapshotContents, string?, int, int)> { (records, null, 1, 1) }
                : Error.Invalid($"zeebe: the records snapshot {name} is missing: platform backup {id} cannot be restored.");
        }

        var parts = snapshots
            .Select(s => (Snapshot: s, Name: PartName.TryRead(s.Name, component.Name(), id)))
            .Where(p => p.Name is not null)
            .Select(p => (p.Snapshot, Version: (string?)p.Name!.Value.Version, p.Name.Value.Part, p.Name.Value.Count))
            .OrderBy(p => p.Part)
            .ToList();
        if (parts.Count == 0)
        {
            return Error.Invalid($"{component.Name()}: no backup with id {id} in the repository: platform backup {id} cannot be restored.");
        }

        var count = parts.Max(p => p.Count);
        var missing = Enumerable.Range(1, count).Where(n => !parts.Exists(p => p.Part == n && p.Count == count)).ToList();
        var found = string.Join(", ", parts.Select(p => p.Snapshot.Name));
        if (missing.Count > 0)
        {
            return Error.Invalid($"{component.Name()}: part {string.Join(", ", missing)} of {count} is missing (found {found}): platform backup {id} cannot be restored.");
        }

        if (parts.Count != count || parts.Select(p => p.Version).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return Error.Invalid($"{component.Name()}: its parts disagree on the version or the part count ({found}): platform backup {id} cannot be restored.");
        }

        return parts;
    }

    /// <summary>
    /// The Camunda version of the backup: every component on one minor release of the configured line. Optimize's patch
    /// version may differ from the web applications' (the docs' own example: 8.7.1 and 8.7.2), so the release is theirs.
    /// </summary>
    private static Result<string> AgreedVersion(BackupId id, PlatformLine line, List<(PlatformComponent Component, string Version)> versions)
    {
        var minors = versions.Select(v => (v.Component, Minor: Minor(v.Version))).Distinct().ToList();
        var expected = line == PlatformLine.V88 ? ["8.8"] : new[] { "8.6", "8.7" };
        if (minors.Select(v => v.Minor).Distinct(StringComparer.Ordinal).Count() > 1 || minors.Exists(v => !expected.Contains(v.Minor)))
        {
            return Error.Invalid($"The versions of platform backup {id} disagree ({string.Join(", ", versions.Distinct().Select(v => $"{v.Component.Name()} {v.Version}"))}); "
                + $"Platform:Version is {line.Name()}: restore it with the version line it was taken with.");
        }

        var webapps = versions.Where(v => v.Component != PlatformComponent.Optimize).Select(v => v.Version).Distinct(StringComparer.Ordinal).ToList();
        if (webapps.Count > 1)
        {
            return Error.Invalid($"The versions of platform backup {id} disagree ({string.Join(", ", versions.Distinct().Select(v => $"{v.Component.Name()} {v.Version}"))}): "
                + "Operate and Tasklist are always one release.");
        }

        return webapps.FirstOrDefault() ?? versions.Select(v => v.Version).FirstOrDefault() ?? line.Name();
    }

    private static string Minor(string version) =>
        string.Join('.', version.Split('.', 3).Take(2));

    /// <summary><c>camunda_&lt;component&gt;_&lt;id&gt;_&lt;version&gt;_part_&lt;n&gt;_of_&lt;count&gt;</c>, Optimize's too.</summary>
    private readonly record struct PartName(string Version, int Part, int Count)
    {
        public static PartName? TryRead(string name, string component, BackupId id)
        {
            var start = string.Create(CultureInfo.InvariantCulture, $"camunda_{component}_{id}_");
            if (!name.StartsWith(start, StringComparison.Ordinal))
            {
                return null;
            }

            var rest = name[start.Length..].Split('_');
            return rest is [var version, "part", var part, "of", var count] && version.Length > 0
                && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && n >= 1 && n <= c
                    ? new PartName(version, n, c)
                    : null;
        }
    }
}
