using Backup.Application.Abstractions;
using Backup.Application.Backups.Taking;
using Backup.Domain;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.CreateBackup;

/// <summary>Starts a backup: answers once its first part has been accepted by the engine; the rest follow in the background.</summary>
public sealed record CreateBackupCommand(long? BackupId) : ICommand<Result<CreatedBackup>>;

/// <summary>The names of every part's snapshot, to be kept with the backup id for a restore.</summary>
public sealed record CreatedBackup(IReadOnlyList<SnapshotName> ScheduledSnapshots);

public sealed class CreateBackupValidator : AbstractValidator<CreateBackupCommand>
{
    public CreateBackupValidator(IOptions<BackupOptions> options)
    {
        RuleFor(c => c.BackupId)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("BackupId must be provided. Send a JSON object such as {\"backupId\": 123}.")
            .MustBeABackupId(options.Value.Profile);
    }
}

public sealed partial class CreateBackupHandler(
    ISnapshotRepository repository,
    BackupWorker worker,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<CreateBackupHandler> logger) : ICommandHandler<CreateBackupCommand, Result<CreatedBackup>>
{
    public async ValueTask<Result<CreatedBackup>> Handle(CreateBackupCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.RepositoryNotConfigured is { } notConfigured)
        {
            return notConfigured;
        }

        var id = BackupId.Create(command.BackupId!.Value).Value;
        var existing = await repository.GetSnapshotsAsync(SnapshotName.PatternFor(settings.Component, id), verbose: false, cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error;
        }

        var parts = existing.Value.Where(s => s.Name.Component == settings.Component && s.Name.BackupId == id).ToList();
        if (parts.Count > 0)
        {
            return Error.Invalid($"A backup with ID [{id}] already exists. Found snapshots: [{string.Join(", ", parts.Select(p => p.Name))}]");
        }

        if (await FindRunningBackupAsync(settings, cancellationToken) is { } running)
        {
            return running.IsSuccess ? AnotherBackupIsRunning(running.Value) : running.Error;
        }

        var indices = await repository.GetIndicesAsync(settings.IndexExpression, cancellationToken);
        if (!indices.IsSuccess)
        {
            return indices.Error;
        }

        var plan = BackupPlan.Create(id, settings.Profile, settings.EffectiveIndexPrefix, settings.EffectiveVersion, indices.Value);
        if (!plan.IsSuccess)
        {
            return plan.Error;
        }

        var firstPart = plan.Value.SnapshotNameOf(1);
        var created = await CreateFirstPartAsync(firstPart, plan.Value.Parts[0].Indices, settings.IncludeGlobalState, cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error;
        }

        if (created.Value == SnapshotCreation.NameInUse)
        {
            return Error.Invalid($"A backup with ID [{id}] already exists: snapshot [{firstPart}] is being taken or deleted right now. Choose another backup id, or retry once the deletion has finished.");
        }

        // From here on the first part exists: finish deciding even if the caller gives up, so it is never orphaned.
        if (await FindEarlierRivalAsync(firstPart, CancellationToken.None) is { } rival)
        {
            // Another replica started a different backup at the same moment: the earlier one goes on, this one yields.
            await repository.DeleteSnapshotsAsync([firstPart], CancellationToken.None);
            return AnotherBackupIsRunning(rival);
        }

        LogStarted(logger, id, plan.Value.Parts.Count);
        worker.Continue(plan.Value, fromPart: 1, fromPartCreated: true);
        return new CreatedBackup(plan.Value.SnapshotNames);
    }

    /// <summary>
    /// A create whose answer was lost (timeout, dropped connection) may still have been carried out: the snapshot
    /// itself says whether the backup has started, so that a started backup is never left without its other parts.
    /// </summary>
    private async Task<Result<SnapshotCreation>> CreateFirstPartAsync(
        SnapshotName name, IReadOnlyList<string> indices, bool includeGlobalState, CancellationToken cancellationToken)
    {
        var created = await repository.CreateSnapshotAsync(new SnapshotRequest(name, indices, includeGlobalState), cancellationToken);
        if (created.IsSuccess || created.Error.Kind != ErrorKind.EngineUnreachable)
        {
            return created;
        }

        // The caller's token may be what ended the create; the question must still be asked.
        var found = await repository.GetSnapshotAsync(name, CancellationToken.None);
        return found is { IsSuccess: true, Value: not null } ? SnapshotCreation.Accepted : created;
    }

    /// <summary>
    /// A backup of the component that is still IN_PROGRESS: the one this process is taking (as long as its snapshots
    /// say it is not finished), or one whose snapshot the engine is taking now (another replica's); null when none.
    /// </summary>
    private async Task<Result<BackupId>?> FindRunningBackupAsync(BackupOptions settings, CancellationToken cancellationToken)
    {
        if (worker.CurrentBackup(settings.Component) is { } local)
        {
            var parts = await repository.GetSnapshotsAsync(SnapshotName.PatternFor(settings.Component, local), verbose: true, cancellationToken);
            if (!parts.IsSuccess)
            {
                return parts.Error;
            }

            var backup = BackupCatalog.Group(parts.Value, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout)
                .SingleOrDefault(b => b.Id == local);
            if (backup?.State == BackupState.InProgress)
            {
                return local;
            }
        }

        var running = await repository.GetRunningSnapshotsAsync(cancellationToken);
        if (!running.IsSuccess)
        {
            return running.Error;
        }

        return running.Value.FirstOrDefault(s => s.Name.Component == settings.Component)?.Name.BackupId;
    }

    /// <summary>
    /// Two replicas can each find no backup running and start two different ones. Each then looks at what the engine
    /// is taking, and yields to any other backup whose part started no later than its own. Whichever looked first saw
    /// no rival, and every later one sees it: never two backups at once. A tie of start times (the engine's clock is
    /// coarse) makes both yield, and both callers retry.
    /// </summary>
    private async Task<BackupId?> FindEarlierRivalAsync(SnapshotName ours, CancellationToken cancellationToken)
    {
        var running = await repository.GetRunningSnapshotsAsync(cancellationToken);
        if (!running.IsSuccess)
        {
            return null;
        }

        var mine = running.Value.FirstOrDefault(s => s.Name == ours);
        return running.Value
            .Where(s => s.Name.Component == ours.Component && s.Name.BackupId != ours.BackupId)
            .FirstOrDefault(rival => rival.Name.PartNumber > 1 || mine is null || rival.StartTime <= mine.StartTime)
            ?.Name.BackupId;
    }

    private static Error AnotherBackupIsRunning(BackupId running) =>
        Error.Invalid($"Another backup is running at the moment (backup [{running}]). Wait until GET /actuator/backups/{running} is no longer IN_PROGRESS, then retry.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId}: started, part 1 of {PartCount} accepted by the engine")]
    private static partial void LogStarted(ILogger logger, BackupId backupId, int partCount);
}
