namespace Backup.Application.Backups.Taking;

/// <summary>
/// When to look at a running part next. The engine's progress figures say how much is left: a part far from done is
/// looked at rarely, one nearly done soon, so the next part starts shortly after this one ends without the engine
/// being asked over and over. Without figures to go by, the wait doubles.
/// </summary>
internal static class PollInterval
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(50);

    /// <param name="previous">The wait before the look just taken.</param>
    /// <param name="watched">How long the part has been watched, from the first look to this one.</param>
    /// <param name="doneWhileWatched">The share of the part done between the first look and this one.</param>
    /// <param name="left">The share of the part still to do.</param>
    /// <param name="longest">Backup:MaxPollInterval.</param>
    public static TimeSpan Next(TimeSpan previous, TimeSpan watched, double doneWhileWatched, double left, TimeSpan longest)
    {
        if (doneWhileWatched > 0 && left > 0 && watched > TimeSpan.Zero)
        {
            // Half the time the part needs at its pace so far: the looks close in on its end.
            var remaining = watched * (left / doneWhileWatched);
            return Clamp(remaining / 2, longest);
        }

        return Longer(previous, longest);
    }

    /// <summary>Twice the wait, within bounds: for when there is nothing better to go by.</summary>
    public static TimeSpan Longer(TimeSpan previous, TimeSpan longest) => Clamp(previous * 2, longest);

    private static TimeSpan Clamp(TimeSpan interval, TimeSpan longest) =>
        interval < Shortest ? Shortest : interval > longest ? longest : interval;
}
