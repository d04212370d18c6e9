using System.Globalization;
using Backup.Domain;

namespace Backup.Application.Backups.Retention;

/// <summary><c>Backup:Retention</c>: which backups are deleted without anyone asking; none, unless MaxCount or MaxAge is set.</summary>
public sealed class RetentionOptions
{
    /// <summary>At most this many COMPLETED backups are kept.</summary>
    public int? MaxCount { get; set; }

    /// <summary>COMPLETED backups older than this are deleted.</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>The newest COMPLETED backups that are kept whatever MaxCount and MaxAge say.</summary>
    public int MinCount { get; set; } = 1;

    /// <summary>How long FAILED, INCOMPLETE and INCOMPATIBLE backups are kept, for someone to look at them.</summary>
    public TimeSpan FailedGracePeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often retention runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public RetentionPolicy Policy => new(MaxCount, MaxAge, MinCount, FailedGracePeriod);

    /// <summary>What is wrong with the settings, one line each, naming the setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxCount is < 1)
        {
            yield return Invariant($"Backup:Retention:MaxCount must be at least 1, not {MaxCount} (leave it unset for no limit)");
        }

        if (MaxAge is { } maxAge && maxAge <= TimeSpan.Zero)
        {
            yield return "Backup:Retention:MaxAge must be positive (e.g. 30.00:00:00 for 30 days), or unset for no limit";
        }

        if (MinCount < 0)
        {
            yield return Invariant($"Backup:Retention:MinCount must be 0 or more, not {MinCount}");
        }

        if (MaxCount is { } maxCount and >= 1 && MinCount > maxCount)
        {
            yield return Invariant($"Backup:Retention:MinCount ({MinCount}) must not be more than Backup:Retention:MaxCount ({maxCount})");
        }

        if (FailedGracePeriod < TimeSpan.Zero)
        {
            yield return "Backup:Retention:FailedGracePeriod must not be negative (e.g. 1.00:00:00)";
        }

        if (Interval <= TimeSpan.Zero || Interval > TimeSpan.FromDays(30))
        {
            yield return "Backup:Retention:Interval must be positive and at most 30 days (e.g. 01:00:00)";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
