using Backup.Application.Abstractions;
using Backup.Domain;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.RestoreBackup;

/// <summary>What a restore is doing now, for the operator watching it.</summary>
public enum RestoreStepKind
{
    Deleting,
    Deleted,
    Restoring,
    Restored,
    Skipped,
    Verifying,
}

/// <param name="Part">The part's snapshot; null for the steps that are not about one part.</param>
public sealed record RestoreStep(RestoreStepKind Kind, SnapshotName? Part, IReadOnlyList<string> Indices, TimeSpan Elapsed);

/// <summary>How a restore ended: every part restored, and the indices of the backup that still do not exist (none, normally).</summary>
public sealed record RestoreOutcome(RestorePlan Plan, IReadOnlyList<string> Missing, TimeSpan Elapsed)
{
    public bool IsVerified => Missing.Count == 0;
}

/// <summary>
/// Restores a COMPLETED backup straight from the engine's snapshots, part by part in part order: first the plan (what
/// would be restored, what exists), then, when the operator goes ahead, the deletion of exactly the conflicting indices
/// of the component, the parts, and a check that every index of the backup exists again. Not a mediator request: it
/// runs for minutes, reports progress, and is driven by the operator's tool rather than the API.
/// </summary>
public sealed class RestoreBackup(ISnapshotRepository snapshots, ISnapshotRestore engine, IOptions<BackupOptions> options, TimeProvider time)
{
    public async Task<Result<RestorePlan>> PlanAsync(BackupId id, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.RepositoryNotConfigured is { } notConfigured)
        {
            return notConfigured;
        }

        var selection = SnapshotSelection.Backup(settings.Component, id);
        var found = await snapshots.GetSnapshotsAsync(selection, verbose: true, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var backup = BackupCatalog.Group(found.Value, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
            .SingleOrDefault(b => b.Id == id);
        if (backup is null)
        {
            return Error.NotFound($"No {settings.Component.Name()} backup with ID [{id}] exists in repository [{settings.RepositoryName}]. "
                + await OtherComponentsHintAsync(settings, id, cancellationToken) + "backup list shows the existing ones.");
        }

        if (backup.State != BackupState.Completed)
        {
            return RestorePlan.Create(backup, settings.Component, settings.EffectiveIndexPrefix, new Dictionary<SnapshotName, IReadOnlyList<string>>(), []);
        }

        var contents = await engine.GetSnapshotIndicesAsync(selection, cancellationToken);
        if (!contents.IsSuccess)
        {
            return contents.Error;
        }

        var existing = await ExistingIndices.FindAsync(snapshots, [.. contents.Value.Values.SelectMany(i => i)], cancellationToken);
        return existing.IsSuccess
            ? RestorePlan.Create(backup, settings.Component, settings.EffectiveIndexPrefix, contents.Value, existing.Value)
            : existing.Error;
    }

    /// <summary>
    /// Carries out a plan. What exists is looked at again first (time has passed since the plan was shown): the
    /// restore is refused when anything of the backup exists that may not, or need not be allowed to, be deleted.
    /// </summary>
    public async Task<Result<RestoreOutcome>> RunAsync(
        RestorePlan plan, bool deleteExisting, Action<RestoreStep> report, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var existing = await ExistingIndices.FindAsync(snapshots, plan.Indices, cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error;
        }

        var current = plan with { Parts = [.. plan.Parts.Select(p => p with { Existing = [.. p.Indices.Where(existing.Value.Contains)] })] };
        var allowed = current.CheckCanRestore(deleteExisting);
        if (!allowed.IsSuccess)
        {
            return allowed.Error;
        }

        var doomed = current.Deletable;
        var deleted = await RestoreSteps.DeleteAsync(engine, time, doomed, (kind, elapsed) => report(new RestoreStep(kind, null, doomed, elapsed)), cancellationToken);
        if (!deleted.IsSuccess)
        {
            return deleted.Error;
        }

        foreach (var part in current.Parts)
        {
            var restored = await RestoreSteps.RestoreAsync(engine, time, part.Snapshot.ToString(), part.Indices,
                (kind, elapsed) => report(new RestoreStep(kind, part.Snapshot, part.Indices, elapsed)), cancellationToken);
            if (!restored.IsSuccess)
            {
                return Error.EngineFailure(
                    $"Part {part.Snapshot.PartNumber} of {part.Snapshot.PartCount} ({part.Snapshot}) could not be restored: {restored.Error.Message}");
            }
        }

        report(new RestoreStep(RestoreStepKind.Verifying, null, current.Indices, TimeSpan.Zero));
        var after = await ExistingIndices.FindAsync(snapshots, current.Indices, cancellationToken);
        if (!after.IsSuccess)
        {
            return after.Error;
        }

        return new RestoreOutcome(current, [.. current.Indices.Where(i => !after.Value.Contains(i))], time.GetElapsedTime(started));
    }

    /// <summary>
    /// After an upgrade to 8.8 the 8.7 backups are still there under their own component: say which has this id, so
    /// that the operator restores it with <c>--component</c> rather than concluding it is gone.
    /// </summary>
    private async Task<string> OtherComponentsHintAsync(BackupOptions settings, BackupId id, CancellationToken cancellationToken)
    {
        var others = settings.Profile.ListedComponents.Where(c => c != settings.Component).ToList();
        if (others.Count == 0)
        {
            return "";
        }

        var selection = SnapshotSelection.Backup(others, id);
        var found = await snapshots.GetSnapshotsAsync(selection, verbose: false, cancellationToken);
        var owners = found.IsSuccess
            ? found.Value.Where(s => selection.Includes(s.Name)).Select(s => s.Name.Component.Name()).Distinct().ToList()
            : [];
        return owners.Count == 0
            ? ""
            : $"A Camunda 8.7 {string.Join(" and a ", owners)} backup has this ID: restore it with --component {owners[0]}. ";
    }
}
