using Backup.Application.Abstractions;
using Backup.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.Taking;

/// <summary>
/// Two replicas can each find no backup in progress and start two different ones. Once its first part exists, each
/// looks at the component's backups in progress, and all compute the same winner: the backup whose first part the
/// engine started first, the lowest id on a tie. Whichever looked first may have seen no rival; every later one sees it.
/// </summary>
public sealed partial class RivalBackups(
    BackupsInProgress inProgress,
    ISnapshotRepository repository,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<RivalBackups> logger)
{
    /// <summary>How long a tie's winner waits for the others to yield: longer than one create takes to decide.</summary>
    private static readonly TimeSpan TieWait = TimeSpan.FromSeconds(5);

    /// <summary>The backup that goes on instead of the one <paramref name="ours"/> started; null when ours goes on.</summary>
    public async Task<Result<BackupId?>> FindWinnerOtherThanAsync(SnapshotName ours, CancellationToken cancellationToken)
    {
        var waitUntil = time.GetUtcNow() + TieWait;
        while (true)
        {
            var backups = await ReadInProgressAsync(ours.BackupId, cancellationToken);
            if (!backups.IsSuccess)
            {
                return backups.Error;
            }

            var mine = backups.Value.FirstOrDefault(b => b.Id == ours.BackupId);
            var started = mine is null ? DateTimeOffset.MaxValue : StartOf(mine);
            var rivals = backups.Value.Where(b => b.Id != ours.BackupId).ToList();
            if (rivals.Find(r => StartOf(r) < started || (StartOf(r) == started && r.Id.Value < ours.BackupId.Value)) is { } first)
            {
                return first.Id;
            }

            if (rivals.Find(r => StartOf(r) == started) is not { } tied)
            {
                return (BackupId?)null;
            }

            // A tie with a higher id: it yields if it looked after this part existed, and won if it looked before.
            // Whether its first part is deleted tells which (a backup that won stays in the engine, finished or not).
            var gone = await WaitUntilGoneAsync(tied.Parts[0].Name, waitUntil, cancellationToken);
            if (!gone.IsSuccess)
            {
                return gone.Error;
            }

            if (!gone.Value)
            {
                return tied.Id;
            }
        }
    }

    /// <summary>
    /// Deletes the first part of a backup that yielded, by its exact name, until the engine no longer has it: left
    /// behind, it would be taken over as an interrupted backup.
    /// </summary>
    public async Task DeleteOwnFirstPartAsync(SnapshotName part, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var giveUpAt = time.GetUtcNow() + settings.RequestTimeout;
        var interval = PollInterval.Shortest;
        while (true)
        {
            var deleted = await repository.DeleteSnapshotsAsync([part], cancellationToken);
            var left = deleted.IsSuccess ? await repository.GetSnapshotAsync(part, cancellationToken) : deleted.Error;
            if (left is { IsSuccess: true, Value: null })
            {
                return;
            }

            if (time.GetUtcNow() >= giveUpAt)
            {
                LogNotDeleted(logger, part.BackupId, part.ToString(), left.IsSuccess ? "it is still there" : left.Error.Message);
                return;
            }

            await Task.Delay(interval, time, cancellationToken);
            interval = PollInterval.Longer(interval, settings.MaxPollInterval);
        }
    }

    /// <summary>
    /// Ours is surely unfinished, so its parts, times included, are asked for together with the component's names
    /// rather than after them: the look costs the slower of the two reads, not their sum.
    /// </summary>
    private async Task<Result<IReadOnlyList<BackupReport>>> ReadInProgressAsync(BackupId ours, CancellationToken cancellationToken)
    {
        var listing = inProgress.ListNamesAsync(cancellationToken);
        var reading = repository.GetPartsAsync(options.Value.Component, ours, verbose: true, cancellationToken);
        await Task.WhenAll(listing, reading);
        var (names, mine) = (await listing, await reading);
        if (!names.IsSuccess)
        {
            return names.Error;
        }

        return mine.IsSuccess ? await inProgress.AmongAsync(names.Value, mine.Value, cancellationToken) : mine.Error;
    }

    private async Task<Result<bool>> WaitUntilGoneAsync(SnapshotName part, DateTimeOffset waitUntil, CancellationToken cancellationToken)
    {
        var interval = PollInterval.Shortest;
        while (time.GetUtcNow() < waitUntil)
        {
            await Task.Delay(interval, time, cancellationToken);
            var read = await repository.GetSnapshotAsync(part, cancellationToken);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            if (read.Value is null)
            {
                return true;
            }

            interval = PollInterval.Longer(interval, options.Value.MaxPollInterval);
        }

        return false;
    }

    // A part whose start the engine did not report counts as the earliest: yielding to it is the safe side.
    private static DateTimeOffset StartOf(BackupReport backup) => backup.Parts.Min(p => p.StartTime) ?? DateTimeOffset.MinValue;

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId}: yielded to another backup, but its first part {Snapshot} could not be deleted: {Reason}. Delete that backup through the API before another replica takes it over as an interrupted one.")]
    private static partial void LogNotDeleted(ILogger logger, BackupId backupId, string snapshot, string reason);
}
