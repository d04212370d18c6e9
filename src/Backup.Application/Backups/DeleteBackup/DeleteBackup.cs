using Backup.Application.Abstractions;
using Backup.Application.Backups.Taking;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.DeleteBackup;

/// <summary>
/// Deletes exactly the existing parts of one backup, whatever version or part count they were taken with; the
/// engine finishes the deletion asynchronously.
/// </summary>
public sealed record DeleteBackupCommand(BackupId BackupId) : ICommand<Result>, INeedsRepository;

public sealed partial class DeleteBackupHandler(
    ISnapshotRepository repository,
    BackupDrives drives,
    IOptions<BackupOptions> options,
    ILogger<DeleteBackupHandler> logger) : ICommandHandler<DeleteBackupCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteBackupCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = command.BackupId;

        // Stop taking it first, so that no part of it is started after the ones listed below are deleted.
        await drives.StopTakingAsync(id);

        var snapshots = await repository.GetPartsAsync(settings.Component, id, verbose: false, cancellationToken);
        if (!snapshots.IsSuccess)
        {
            return snapshots.Error;
        }

        var parts = snapshots.Value.Select(s => s.Name).ToList();
        if (parts.Count == 0)
        {
            return Error.NotFound($"No backup with id [{id}] found, so nothing was deleted. GET /actuator/backups lists the existing ones.");
        }

        var deleted = await repository.DeleteSnapshotsAsync(parts, cancellationToken);
        if (deleted.IsSuccess)
        {
            LogDeleted(logger, id, parts);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId}: deletion of its snapshots accepted by the engine: {Snapshots}")]
    private static partial void LogDeleted(ILogger logger, BackupId backupId, IReadOnlyList<SnapshotName> snapshots);
}
