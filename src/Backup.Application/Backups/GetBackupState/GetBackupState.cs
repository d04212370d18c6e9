using Backup.Application.Abstractions;
using Backup.Domain;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.GetBackupState;

/// <summary>The state of one backup and of each of its parts.</summary>
public sealed record GetBackupStateQuery(BackupId BackupId) : IQuery<Result<BackupReport>>, INeedsRepository;

public sealed class GetBackupStateHandler(ISnapshotRepository repository, IOptions<BackupOptions> options, TimeProvider time)
    : IQueryHandler<GetBackupStateQuery, Result<BackupReport>>
{
    public async ValueTask<Result<BackupReport>> Handle(GetBackupStateQuery query, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = query.BackupId;
        var snapshots = await repository.GetPartsAsync(settings.Component, id, verbose: true, cancellationToken);
        if (!snapshots.IsSuccess)
        {
            return snapshots.Error;
        }

        var backup = BackupCatalog.Group(snapshots.Value, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
            .SingleOrDefault(b => b.Id == id);
        return backup is null
            ? Error.NotFound($"No backup with id [{id}] found. GET /actuator/backups lists the existing ones.")
            : backup;
    }
}
