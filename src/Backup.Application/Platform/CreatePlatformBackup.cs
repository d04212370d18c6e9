using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Domain.Platform;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>Starts a platform backup: every deployed component under one id, in the version's order.</summary>
/// <param name="Id">Null: now as unix seconds, as Camunda's docs advise (or one above the latest, if that is later).</param>
public sealed record CreatePlatformBackupCommand(BackupId? Id) : ICommand<Result<PlatformRun>>, INeedsRepository;

public sealed class CreatePlatformBackupHandler(
    IPlatformRecords records,
    PlatformRunner runner,
    IOptions<PlatformOptions> options,
    TimeProvider time) : ICommandHandler<CreatePlatformBackupCommand, Result<PlatformRun>>
{
    public async ValueTask<Result<PlatformRun>> Handle(CreatePlatformBackupCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (PlatformErrors.NotConfigured(settings) is { } notConfigured)
        {
            return notConfigured;
        }

        var now = time.GetUtcNow();
        var latest = await records.ListRunsAsync(cancellationToken);
        if (!latest.IsSuccess)
        {
            return latest.Error;
        }

        var id = command.Id ?? BackupId.Create(Math.Max(now.ToUnixTimeSeconds(), (latest.Value.Count > 0 ? latest.Value[0].Id.Value : 0) + 1)).Value;
        var locked = await TakeLockAsync(new PlatformLease(id, runner.Owner, now + settings.LeaseDuration), cancellationToken);
        if (!locked.IsSuccess)
        {
            return locked.Error;
        }

        if (locked.Value is not { } held)
        {
            var current = await records.GetLockAsync(cancellationToken);
            var running = current.IsSuccess && current.Value is { } other ? $"Platform backup {other.Lease.BackupId}" : "Another platform backup";
            return Error.Invalid($"{running} is being taken: one platform backup at a time. Wait for it to end (GET /actuator/platform/backups/{(current.IsSuccess ? current.Value?.Lease.BackupId : null)}), then start this one.");
        }

        // Read again under the lock: a backup that ended just before it was taken counts too.
        var earlier = await records.ListRunsAsync(cancellationToken);
        var refusal = !earlier.IsSuccess ? earlier.Error
            : earlier.Value.Count > 0 && earlier.Value[0] is var highest && highest.Id.Value >= id.Value
                ? Error.Invalid($"A platform backup id must be greater than every earlier one (the latest is {highest.Id}): Zeebe never takes a backup whose id is not above its latest, even a deleted one. Use {Math.Max(now.ToUnixTimeSeconds(), highest.Id.Value + 1)}, or leave backupId out.")
                : null;
        var run = new PlatformRun(id, settings.Line, settings.Deployed, now, null, false, null, null, null);
        if (refusal is null)
        {
            var created = await records.CreateRunAsync(run, cancellationToken);
            refusal = !created.IsSuccess ? created.Error
                : !created.Value ? Error.Invalid($"A platform backup with id {id} exists. Use a larger id.") : null;
        }

        if (refusal is not null)
        {
            await records.ReleaseLockAsync(held, cancellationToken);
            return refusal;
        }

        runner.Start(run, held);
        return run;
    }

    /// <summary>
    /// Takes the lock if it is free, or held for a run whose end is already recorded: a run records its end and only
    /// then releases the lock, and a create sent as soon as the last backup shows COMPLETED must not be refused for
    /// it. Taking it over is conditional on the version read, so of two creates only one wins. Null when it is busy.
    /// </summary>
    private async Task<Result<PlatformLock?>> TakeLockAsync(PlatformLease lease, CancellationToken cancellationToken)
    {
        var created = await records.TryLockAsync(lease, cancellationToken);
        if (!created.IsSuccess || created.Value is not null)
        {
            return created;
        }

        var current = await records.GetLockAsync(cancellationToken);
        if (!current.IsSuccess || current.Value is not { } held)
        {
            // Released since: free again, for this create or one racing it.
            return current.IsSuccess ? await records.TryLockAsync(lease, cancellationToken) : current.Error;
        }

        var holder = await records.GetRunAsync(held.Lease.BackupId, cancellationToken);
        return !holder.IsSuccess ? holder.Error
            : holder.Value is { IsEnded: true } ? await records.ReplaceLockAsync(held, lease, cancellationToken)
            : (PlatformLock?)null;
    }
}

internal static class PlatformErrors
{
    public static Error? NotConfigured(PlatformOptions settings) => settings.IsEnabled
        ? null
        : Error.NotFound("Platform backups are not configured: set Platform:Version (8.6, 8.7 or 8.8) and each component's Platform:<Component>:Url (or 'none'); see the README's 'Platform backups'.");

    public static Error NoSuchBackup(BackupId id) =>
        Error.NotFound($"No platform backup with id [{id}]. GET /actuator/platform/backups lists them.");
}
