using Backup.Domain;
using Cronos;

namespace Backup.Application.Backups.Scheduling;

/// <summary>A cron expression read in a time zone: the moments at which a scheduled backup is started.</summary>
public sealed class BackupSchedule
{
    private readonly CronExpression _cron;

    private BackupSchedule(CronExpression cron, string text, TimeZoneInfo timeZone)
    {
        _cron = cron;
        Text = text;
        TimeZone = timeZone;
    }

    public string Text { get; }

    public TimeZoneInfo TimeZone { get; }

    public static Result<BackupSchedule> From(ScheduleOptions options)
    {
        var text = (options.Cron ?? "").Trim();
        CronExpression cron;
        try
        {
            var format = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            cron = CronExpression.Parse(text, format);
        }
        catch (CronFormatException exception)
        {
            return Error.Invalid($"Backup:Schedule:Cron '{text}' is not a cron expression ({exception.Message}): use 5 fields, minute hour day month weekday (e.g. '0 2 * * *'), or 6 with seconds first");
        }

        TimeZoneInfo timeZone;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return Error.Invalid($"Backup:Schedule:TimeZone '{options.TimeZone}' is not a known time zone: use an IANA id such as UTC or Europe/Berlin");
        }

        return new BackupSchedule(cron, text, timeZone);
    }

    /// <summary>
    /// The first tick after <paramref name="instant"/>. Across a daylight-saving change a tick that falls into the
    /// skipped hour comes at the end of the gap, and one in the repeated hour comes once.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) => _cron.GetNextOccurrence(instant, TimeZone);

    /// <summary>The backup id of a tick: its unix seconds, the same on every replica.</summary>
    public static long BackupIdOf(DateTimeOffset tick) => tick.ToUnixTimeSeconds();
}
