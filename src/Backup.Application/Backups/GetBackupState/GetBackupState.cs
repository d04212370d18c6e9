using Backup.Application.Abstractions;
using Backup.Domain;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.GetBackupState;

/// <summary>The state of one backup and of each of its parts.</summary>
public sealed record GetBackupStateQuery(string? BackupId) : IQuery<Result<BackupReport>>, INeedsRepository;

public sealed class GetBackupStateValidator : AbstractValidator<GetBackupStateQuery>
{
    public GetBackupStateValidator(IOptions<BackupOptions> options) => RuleFor(q => q.BackupId).MustBeABackupId(options.Value.Profile);
}

public sealed class GetBackupStateHandler(ISnapshotRepository repository, IOptions<BackupOptions> options, TimeProvider time)
    : IQueryHandler<GetBackupStateQuery, Result<BackupReport>>
{
    public async ValueTask<Result<BackupReport>> Handle(GetBackupStateQuery query, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = BackupId.Parse(query.BackupId).Value;
        var snapshots = await repository.GetSnapshotsAsync(SnapshotName.PatternFor(settings.Component, id), verbose: true, cancellationToken);
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
