using Backup.Application.Abstractions;
using Backup.Application.Backups.Taking;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.CreateBackup;

/// <summary>Starts a backup: answers once its first part has been accepted by the engine; the rest follow in the background.</summary>
public sealed record CreateBackupCommand(BackupId BackupId) : ICommand<Result<CreatedBackup>>, INeedsRepository;

/// <summary>The names of every part's snapshot, to be kept with the backup id for a restore.</summary>
public sealed record CreatedBackup(IReadOnlyList<SnapshotName> ScheduledSnapshots);

public sealed partial class CreateBackupHandler(
    ISnapshotRepository repository,
    BackupDrives drives,
    BackupsInProgress inProgress,
    RivalBackups rivals,
    IOptions<BackupOptions> options,
    ILogger<CreateBackupHandler> logger) : ICommandHandler<CreateBackupCommand, Result<CreatedBackup>>
{
    public async ValueTask<Result<CreatedBackup>> Handle(CreateBackupCommand command, CancellationToken cancellationToken)
    {
        // Two creates in this process never decide at once; replicas are kept apart by the look after part 1 exists.
        using (await inProgress.EnterStartAsync(cancellationToken))
        {
            return await StartAsync(command.BackupId, options.Value, cancellationToken);
        }
    }

    private async Task<Result<CreatedBackup>> StartAsync(BackupId id, BackupOptions settings, CancellationToken cancellationToken)
    {
        // The three reads the decision rests on do not depend on each other: asked at once, the answer waits for the
        // slowest of them, not for their sum. They are judged in the original's order all the same.
        var listing = inProgress.ListNamesAsync(cancellationToken);
        var running = repository.GetRunningSnapshotsAsync(cancellationToken);
        var planning = repository.PlanFromIndicesAsync(id, settings, settings.EffectiveVersion, cancellationToken);
        await Task.WhenAll(listing, running, planning);
        var (names, taking, planned) = (await listing, await running, await planning);
        if (!names.IsSuccess)
        {
            return names.Error;
        }

        if (BackupParts.PartsOf(names.Value, settings.Component, id) is { Count: > 0 } existing)
        {
            return Error.Invalid($"A backup with ID [{id}] already exists. Found snapshots: [{string.Join(", ", existing.Select(p => p.Name))}]");
        }

        if (!taking.IsSuccess)
        {
            return taking.Error;
        }

        if (taking.Value.FirstOrDefault(s => s.Name.Component == settings.Component) is { } part)
        {
            return AnotherBackupIsRunning(part.Name.BackupId);
        }

        var inProgressNow = await inProgress.AmongAsync(names.Value, [], cancellationToken);
        if (!inProgressNow.IsSuccess)
        {
            return inProgressNow.Error;
        }

        if (inProgressNow.Value.Count > 0)
        {
            return AnotherBackupIsRunning(inProgressNow.Value[0].Id);
        }

        if (!planned.IsSuccess)
        {
            return planned.Error;
        }

        var plan = planned.Value;
        if (!plan.IsSuccess)
        {
            return plan.Error;
        }

        // Held until the drive takes over, so that the interrupted-backup scan does not take this backup for one.
        using var reservation = drives.TryReserve(id);
        if (reservation is null)
        {
            return Error.Invalid($"A backup with ID [{id}] already exists: it is being taken right now. Choose another backup id.");
        }

        var firstPart = plan.Value.SnapshotNameOf(1);
        var created = await repository.CreatePartAsync(new SnapshotRequest(firstPart, plan.Value.Parts[0].Indices, settings.IncludeGlobalState), cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error;
        }

        if (created.Value == SnapshotCreation.NameInUse)
        {
            return Error.Invalid($"A backup with ID [{id}] already exists: snapshot [{firstPart}] is being taken or deleted right now. Choose another backup id, or retry once the deletion has finished.");
        }

        // From here on the first part exists: finish deciding even if the caller gives up, so it is never orphaned.
        var rival = await rivals.FindWinnerOtherThanAsync(firstPart, CancellationToken.None);
        if (!rival.IsSuccess || rival.Value is not null)
        {
            await rivals.DeleteOwnFirstPartAsync(firstPart, CancellationToken.None);
            return rival.IsSuccess ? AnotherBackupIsRunning(rival.Value!.Value) : rival.Error;
        }

        LogStarted(logger, id, plan.Value.Parts.Count);
        drives.HandOver(reservation, plan.Value, fromPart: 1, fromPartCreated: true);
        return new CreatedBackup(plan.Value.SnapshotNames);
    }

    private static Error AnotherBackupIsRunning(BackupId running) =>
        Error.Invalid($"Another backup is running at the moment (backup [{running}]). Wait until GET /actuator/backups/{running} is no longer IN_PROGRESS, then retry.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId}: started, part 1 of {PartCount} accepted by the engine")]
    private static partial void LogStarted(ILogger logger, BackupId backupId, int partCount);
}
