using Backup.Application.Abstractions;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>
/// Deletes a platform backup whole: every component's backup of exactly that id (each through its own DELETE), the
/// records snapshot, then the record. Refused while it is being taken; a component that fails leaves the record, so
/// that the delete can be repeated.
/// </summary>
public sealed record DeletePlatformBackupCommand(BackupId Id) : ICommand<Result>, INeedsRepository;

public sealed partial class DeletePlatformBackupHandler(
    IComponentBackups components,
    IPlatformRecords records,
    IOptions<PlatformOptions> options,
    ILogger<DeletePlatformBackupHandler> logger) : ICommandHandler<DeletePlatformBackupCommand, Result>
{
    public async ValueTask<Result> Handle(DeletePlatformBackupCommand command, CancellationToken cancellationToken)
    {
        if (PlatformErrors.NotConfigured(options.Value) is { } notConfigured)
        {
            return notConfigured;
        }

        var found = await records.GetRunAsync(command.Id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (found.Value is not { } run)
        {
            return PlatformErrors.NoSuchBackup(command.Id);
        }

        if (!run.IsEnded)
        {
            return Error.Invalid($"Platform backup {run.Id} is being taken (step '{run.Step}'): delete it once it has ended.");
        }

        foreach (var component in run.Components)
        {
            var deleted = await components.DeleteBackupAsync(component, run.Id, cancellationToken);
            if (!deleted.IsSuccess)
            {
                return deleted;
            }
        }

        var snapshot = await records.DeleteRecordsSnapshotAsync(run.Id, cancellationToken);
        var record = snapshot.IsSuccess ? await records.DeleteRunAsync(run.Id, cancellationToken) : snapshot;
        if (record.IsSuccess)
        {
            LogDeleted(logger, run.Id);
        }

        return record;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform backup {BackupId} deleted: every component's backup, the records snapshot and its record")]
    private static partial void LogDeleted(ILogger logger, BackupId backupId);
}
