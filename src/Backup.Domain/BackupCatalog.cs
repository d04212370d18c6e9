using System.Buffers;

namespace Backup.Domain;

/// <summary>Turns a repository's snapshots into backups.</summary>
public static class BackupCatalog
{
    /// <summary>Room for the snapshots of a few hundred backups before the working array first grows.</summary>
    private const int MinimumWorkingLength = 1_024;

    private const int Ascending = 1;
    private const int Descending = -1;

    /// <summary>
    /// Groups one component's snapshots by backup id, newest backup (highest id) first. Snapshots of other
    /// components are left out: they belong to someone else.
    /// </summary>
    public static IReadOnlyList<BackupReport> Group(
        IEnumerable<Snapshot> snapshots, Component component, DateTimeOffset now, TimeSpan incompleteCheckTimeout)
    {
        // One sort and one pass: a repository of 10,000 backups has 60,000 snapshots. The working arrays are pooled (at
        // that size each is on the large-object heap, whose budget, once spent, costs a full collection); only each
        // backup's parts are kept.
        var ours = ArrayPool<Snapshot>.Shared.Rent(snapshots.TryGetNonEnumeratedCount(out var listed) ? listed : MinimumWorkingLength);
        var count = 0;
        foreach (var snapshot in snapshots)
        {
            if (snapshot.Name.Component == component)
            {
                ours = count < ours.Length ? ours : Grown(ours);
                ours[count++] = snapshot;
            }
        }

        // Sorted by a key of their own, the negated ids (ids are never negative): a sort of plain numbers, several times
        // as fast as one that calls a comparison for each pair. Parts come in any order; BackupReport.Of puts them in
        // part order.
        var newestFirst = ArrayPool<long>.Shared.Rent(count);
        for (var i = 0; i < count; i++)
        {
            newestFirst[i] = -ours[i].Name.BackupId.Value;
        }

        SortByKeys(newestFirst.AsSpan(0, count), ours.AsSpan(0, count));
        var backups = new BackupReport[CountRuns(newestFirst.AsSpan(0, count))];
        for (int first = 0, backup = 0; first < count; backup++)
        {
            var end = first + 1;
            while (end < count && newestFirst[end] == newestFirst[first])
            {
                end++;
            }

            backups[backup] = BackupReport.Of(ours[first].Name.BackupId, ours[first..end], now, incompleteCheckTimeout);
            first = end;
        }

        ArrayPool<long>.Shared.Return(newestFirst);
        ArrayPool<Snapshot>.Shared.Return(ours, clearArray: true);
        return backups;
    }

    /// <summary>
    /// The original's list order: the backup whose latest part started most recently first. Backups whose parts carry
    /// no times (a names-only listing) follow, highest id first.
    /// </summary>
    public static IReadOnlyList<BackupReport> MostRecentlyStartedFirst(IEnumerable<BackupReport> backups)
    {
        var ordered = backups.ToArray();
        var keys = ArrayPool<Recency>.Shared.Rent(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            keys[i] = new Recency(LatestStartTicks(ordered[i]), ordered[i].Id.Value, i);
        }

        // Grouped backups come highest id first, which is most recently started first wherever ids grow with time.
        var order = keys.AsSpan(0, ordered.Length);
        if (!IsSorted<Recency>(order, Ascending))
        {
            order.Sort(ordered.AsSpan());
        }

        ArrayPool<Recency>.Shared.Return(keys);
        return ordered;
    }

    /// <summary>
    /// The engines list snapshots by name or by start, which for ids of one length (unix seconds, a counter) is by id,
    /// oldest first: such a listing is reversed, not sorted. A sort of 60,000 keys was half of grouping them.
    /// </summary>
    private static void SortByKeys(Span<long> keys, Span<Snapshot> snapshots)
    {
        if (IsSorted<long>(keys, Descending))
        {
            keys.Reverse();
            snapshots.Reverse();
        }

        if (!IsSorted<long>(keys, Ascending))
        {
            keys.Sort(snapshots);
        }
    }

    private static bool IsSorted<T>(ReadOnlySpan<T> keys, int direction)
        where T : IComparable<T>
    {
        for (var i = 1; i < keys.Length; i++)
        {
            if (Math.Sign(keys[i].CompareTo(keys[i - 1])) == -direction)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Twice the room, the snapshots kept; the old array goes back to the pool emptied.</summary>
    private static Snapshot[] Grown(Snapshot[] full)
    {
        var grown = ArrayPool<Snapshot>.Shared.Rent(Math.Max(full.Length * 2, MinimumWorkingLength));
        full.CopyTo(grown, 0);
        ArrayPool<Snapshot>.Shared.Return(full, clearArray: true);
        return grown;
    }

    private static int CountRuns(ReadOnlySpan<long> sorted)
    {
        var runs = sorted.Length == 0 ? 0 : 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            runs += sorted[i] != sorted[i - 1] ? 1 : 0;
        }

        return runs;
    }

    /// <summary>The latest start of the backup's parts in UTC ticks; below every time when no part has one.</summary>
    private static long LatestStartTicks(BackupReport backup)
    {
        var latest = long.MinValue;
        for (var i = 0; i < backup.Parts.Count; i++)
        {
            latest = Math.Max(latest, backup.Parts[i].StartUtcTicks);
        }

        return latest;
    }

    /// <summary>
    /// A backup's place in the list, compared as numbers: latest start first, then highest id, then the order it came
    /// in (the sort is not stable, and for one id in several components the component's own backup comes first).
    /// </summary>
    private readonly record struct Recency(long StartTicks, long Id, int Position) : IComparable<Recency>
    {
        public int CompareTo(Recency other) =>
            StartTicks != other.StartTicks ? other.StartTicks.CompareTo(StartTicks)
            : Id != other.Id ? other.Id.CompareTo(Id)
            : Position.CompareTo(other.Position);
    }
}
