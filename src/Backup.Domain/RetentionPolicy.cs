using System.Globalization;

namespace Backup.Domain;

/// <summary>
/// Which backups are kept: at most <paramref name="MaxCount"/> COMPLETED ones, none COMPLETED older than
/// <paramref name="MaxAge"/>, but always the newest <paramref name="MinCount"/> COMPLETED ones; FAILED, INCOMPLETE and
/// INCOMPATIBLE backups are kept for <paramref name="FailedGracePeriod"/>, so that someone can look at them first.
/// A backup's age is counted from its start: the earliest start time of its parts, on the engine's clock.
/// </summary>
public sealed record RetentionPolicy(int? MaxCount, TimeSpan? MaxAge, int MinCount, TimeSpan FailedGracePeriod)
{
    /// <summary>Without a limit on count or age, retention deletes nothing at all.</summary>
    public bool IsEnabled => MaxCount is not null || MaxAge is not null;

    /// <summary>
    /// The backups that are to be deleted now, oldest first, each with the rule that expired it. Nothing is deleted while
    /// any backup is IN_PROGRESS, and a backup whose start is unknown is kept: nothing is deleted on a guess.
    /// </summary>
    public RetentionPlan Select(IEnumerable<BackupReport> backups, DateTimeOffset now) =>
        Select(backups.Select(b => new RetentionCandidate(b.Id, b.State, StartOf(b))), now);

    /// <inheritdoc cref="Select(IEnumerable{BackupReport}, DateTimeOffset)"/>
    public RetentionPlan Select(IEnumerable<RetentionCandidate> backups, DateTimeOffset now)
    {
        var all = backups.ToList();
        if (!IsEnabled)
        {
            return new RetentionPlan([], null);
        }

        if (all.Find(b => b.State == BackupState.InProgress) is { } running)
        {
            return new RetentionPlan([], running.Id);
        }

        var dated = all
            .Select(b => (Backup: b, b.Start))
            .Where(b => b.Start is not null)
            .Select(b => (b.Backup, Start: b.Start!.Value))
            .ToList();
        var expired = new List<Expiry>();

        var completed = dated
            .Where(b => b.Backup.State == BackupState.Completed)
            .OrderByDescending(b => b.Start)
            .ThenByDescending(b => b.Backup.Id.Value)
            .ToList();
        for (var rank = MinCount; rank < completed.Count; rank++)
        {
            var (backup, start) = completed[rank];
            if (MaxCount is { } maxCount && rank >= maxCount)
            {
                expired.Add(new Expiry(backup, start,
                    Invariant($"beyond MaxCount ({maxCount}): the {Ordinal(rank + 1)} newest of {completed.Count} COMPLETED backups")));
            }
            else if (MaxAge is { } maxAge && now - start > maxAge)
            {
                expired.Add(new Expiry(backup, start, Invariant($"older than MaxAge ({maxAge:c}): started {start.UtcDateTime:O}")));
            }
        }

        foreach (var (backup, start) in dated.Where(b => b.Backup.State is BackupState.Failed or BackupState.Incomplete or BackupState.Incompatible))
        {
            if (now - start > FailedGracePeriod)
            {
                expired.Add(new Expiry(backup, start,
                    Invariant($"{backup.State.Name()} and older than FailedGracePeriod ({FailedGracePeriod:c}): started {start.UtcDateTime:O}")));
            }
        }

        return new RetentionPlan([.. expired.OrderBy(e => e.Start).ThenBy(e => e.Backup.Id.Value)], null);
    }

    /// <summary>When a backup started: the earliest start of its parts, or null when the engine reported none.</summary>
    public static DateTimeOffset? StartOf(BackupReport backup) => backup.Parts.Min(p => p.StartTime);

    private static string Ordinal(int n) => (n % 100, n % 10) switch
    {
        (11 or 12 or 13, _) => Invariant($"{n}th"),
        (_, 1) => Invariant($"{n}st"),
        (_, 2) => Invariant($"{n}nd"),
        (_, 3) => Invariant($"{n}rd"),
        _ => Invariant($"{n}th"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What one retention run deletes, oldest first; nothing, with the reason, while a backup is running.</summary>
/// <param name="BlockedBy">The backup IN_PROGRESS that holds every deletion back, if any.</param>
public sealed record RetentionPlan(IReadOnlyList<Expiry> Deletions, BackupId? BlockedBy);

/// <summary>What retention needs to know of a backup, a component's or a whole platform's.</summary>
/// <param name="Start">When it started, on the engine's (a platform backup: the service's) clock; null when unknown.</param>
public sealed record RetentionCandidate(BackupId Id, BackupState State, DateTimeOffset? Start);

/// <summary>A backup that retention deletes whole, and why.</summary>
public sealed record Expiry(RetentionCandidate Backup, DateTimeOffset Start, string Reason);
