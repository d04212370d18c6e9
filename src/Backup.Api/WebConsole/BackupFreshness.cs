using System.Globalization;

namespace Backup.Api.WebConsole;

/// <summary>
/// Whether the newest COMPLETED backup is older than the schedule says it should be. With ticks every <c>P</c> (the gap
/// between the next two), a backup should have completed within <c>P</c> plus the time one takes to run, counted as
/// <c>P</c> again but at most <see cref="MaxRunTime"/>: for a daily schedule, 26 hours, the README's alert rule.
/// </summary>
public static class BackupFreshness
{
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromHours(2);

    /// <returns>A warning that says what is wrong; null when the newest backup is recent enough, or nothing is scheduled.</returns>
    public static string? Warning(DateTimeOffset now, DateTimeOffset? lastCompleted, DateTimeOffset? nextRun, DateTimeOffset? runAfterNext)
    {
        if (nextRun is not { } next || runAfterNext is not { } afterNext)
        {
            return null;
        }

        var period = afterNext - next;
        var allowed = period + (period < MaxRunTime ? period : MaxRunTime);
        if (lastCompleted is not { } last)
        {
            return "No backup has COMPLETED in this repository yet: there is nothing to restore from. "
                + "If the first scheduled backup has run, check the engine's and the repository's health.";
        }

        var age = now - last;
        return age <= allowed
            ? null
            : $"The newest COMPLETED backup ended {Describe(age)} ago, but the schedule starts one every {Describe(period)}: "
                + "a scheduled backup did not complete. Look for FAILED backups below and check the engine's and the repository's health.";
    }

    public static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days {span.Hours} h"),
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
        { TotalMinutes: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)} s"),
    };
}
