using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Domain.Platform;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Platform;

/// <summary>One platform backup's state, with each component's own state and details.</summary>
public sealed record GetPlatformBackupQuery(BackupId Id) : IQuery<Result<PlatformReport>>, INeedsRepository;

public sealed class GetPlatformBackupHandler(IPlatformRecords records, PlatformReports reports, IOptions<PlatformOptions> options)
    : IQueryHandler<GetPlatformBackupQuery, Result<PlatformReport>>
{
    public async ValueTask<Result<PlatformReport>> Handle(GetPlatformBackupQuery query, CancellationToken cancellationToken)
    {
        if (PlatformErrors.NotConfigured(options.Value) is { } notConfigured)
        {
            return notConfigured;
        }

        var run = await records.GetRunAsync(query.Id, cancellationToken);
        return !run.IsSuccess ? run.Error
            : run.Value is null ? PlatformErrors.NoSuchBackup(query.Id)
            : await reports.ReadAsync(run.Value, cancellationToken);
    }
}

/// <summary>Every platform backup, the highest id first.</summary>
public sealed record ListPlatformBackupsQuery : IQuery<Result<IReadOnlyList<PlatformReport>>>, INeedsRepository;

public sealed class ListPlatformBackupsHandler(PlatformReports reports, IOptions<PlatformOptions> options)
    : IQueryHandler<ListPlatformBackupsQuery, Result<IReadOnlyList<PlatformReport>>>
{
    public async ValueTask<Result<IReadOnlyList<PlatformReport>>> Handle(ListPlatformBackupsQuery query, CancellationToken cancellationToken)
    {
        if (PlatformErrors.NotConfigured(options.Value) is { } notConfigured)
        {
            return notConfigured;
        }

        return await reports.ListAsync(cancellationToken);
    }
}
