using Backup.Application.Abstractions;
using Backup.Application.Backups.RestoreBackup;
using Backup.Domain;
using Backup.Domain.Platform;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>What a platform restore is doing now: <paramref name="Part"/> is null for the steps not about one snapshot.</summary>
public sealed record PlatformRestoreStep(RestoreStepKind Kind, PlatformRestorePart? Part, IReadOnlyList<string> Indices, TimeSpan Elapsed);

/// <summary>How a platform restore ended: the indices of the backup that still do not exist afterwards (none, normally).</summary>
public sealed record PlatformRestoreOutcome(PlatformRestorePlan Plan, IReadOnlyList<string> Missing, TimeSpan Elapsed)
{
    public bool IsVerified => Missing.Count == 0;
}

/// <summary>
/// Restores a platform backup straight from the engine's snapshots, as <see cref="RestoreBackup"/> does one component's:
/// the plan (every component's parts there, SUCCESS, of one version; what exists), then, when the operator goes ahead,
/// the deletion of exactly the backup's own conflicting indices, every snapshot in the order it was taken, and a check
/// that every index is back. Works on a fresh engine too: the run's record, when the engine still has it, only adds
/// which components were taken and refuses a run that failed or is still being taken.
/// </summary>
public sealed class RestorePlatformBackup(
    ISnapshotRepository snapshots,
    ISnapshotRestore engine,
    IPlatformRecords records,
    IOptions<BackupOptions> backup,
    IOptions<PlatformOptions> platform,
    TimeProvider time)
{
    public async Task<Result<PlatformRestorePlan>> PlanAsync(BackupId id, CancellationToken cancellationToken)
    {
        var settings = platform.Value;
        if (PlatformErrors.NotConfigured(settings) is { } notConfigured)
        {
            return notConfigured;
        }

        var run = await records.GetRunAsync(id, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        if (run.Value is { IsEnded: false } running)
        {
            return Error.Invalid($"Platform backup {id} is being taken (step '{running.Step}'): it cannot be restored.");
        }

        if (run.Value is { Failure: { } failure })
        {
            return Error.Invalid($"Platform backup {id} FAILED ({failure}): it cannot be restored. Restore another platform backup (backup platform list shows them).");
        }

        var found = await engine.GetPlatformBackupSnapshotsAsync(id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (found.Value.Count == 0)
        {
            return Error.NotFound($"No snapshot of platform backup {id} exists in repository [{backup.Value.RepositoryName}]. backup platform list shows the platform backups.");
        }

        var existing = await ExistingIndices.FindAsync(snapshots, [.. found.Value.SelectMany(s => s.Indices)], cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error;
        }

        return PlatformRestorePlan.Create(id, settings.Line, run.Value?.Components ?? settings.Deployed, found.Value, existing.Value, Owns);
    }

    /// <summary>
    /// Carries out a plan. What exists is looked at again first (time has passed since the plan was shown): the restore
    /// is refused when anything of the backup exists that it is not allowed to delete.
    /// </summary>
    public async Task<Result<PlatformRestoreOutcome>> RunAsync(
        PlatformRestorePlan plan, bool deleteExisting, Action<PlatformRestoreStep> report, CancellationToken cancellationToken)
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

        var doomed = current.Existing;
        var deleted = await RestoreSteps.DeleteAsync(engine, time, doomed, (kind, elapsed) => report(new PlatformRestoreStep(kind, null, doomed, elapsed)), cancellationToken);
        if (!deleted.IsSuccess)
        {
            return deleted.Error;
        }

        foreach (var part in current.Parts)
        {
            var restored = await RestoreSteps.RestoreAsync(engine, time, part.Snapshot, part.Indices,
                (kind, elapsed) => report(new PlatformRestoreStep(kind, part, part.Indices, elapsed)), cancellationToken);
            if (!restored.IsSuccess)
            {
                return Error.EngineFailure($"{part.Component.Name()}: part {part.Part} of {part.PartCount} ({part.Snapshot}) could not be restored: {restored.Error.Message}");
            }
        }

        report(new PlatformRestoreStep(RestoreStepKind.Verifying, null, current.Indices, TimeSpan.Zero));
        var after = await ExistingIndices.FindAsync(snapshots, current.Indices, cancellationToken);
        return after.IsSuccess
            ? new PlatformRestoreOutcome(current, [.. current.Indices.Where(i => !after.Value.Contains(i))], time.GetElapsedTime(started))
            : after.Error;
    }

    /// <summary>
    /// The known prefixes: the records snapshot's <c>Platform:ZeebeRecordPrefix</c>, Optimize's <c>optimize-</c>, and
    /// each web application's index roots under its default prefix, or <c>Backup:IndexPrefix</c> for <c>Backup:Component</c>.
    /// </summary>
    private bool Owns(PlatformComponent component, string index)
    {
        if (component == PlatformComponent.Zeebe)
        {
            return index.StartsWith(platform.Value.ZeebeRecordPrefix, StringComparison.Ordinal);
        }

        if (component == PlatformComponent.Optimize)
        {
            return index.StartsWith("optimize-", StringComparison.Ordinal);
        }

        var web = component switch
        {
            PlatformComponent.Operate => Component.Operate,
            PlatformComponent.Tasklist => Component.Tasklist,
            _ => Component.Webapps,
        };
        var settings = backup.Value;
        var prefix = settings.Component == web ? settings.EffectiveIndexPrefix : ComponentProfile.For(web).DefaultIndexPrefix;
        return ComponentProfile.For(web).Owns(prefix, index) && IndexName.TryParse(prefix, index, out _);
    }
}
