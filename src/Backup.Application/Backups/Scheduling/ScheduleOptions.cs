namespace Backup.Application.Backups.Scheduling;

/// <summary><c>Backup:Schedule</c>: when backups are taken without anyone asking; never, unless a cron expression is set.</summary>
public sealed class ScheduleOptions
{
    /// <summary>5 fields (minute hour day month weekday), 6 with seconds first, or a macro such as <c>@daily</c>.</summary>
    public string? Cron { get; set; }

    /// <summary>The IANA time zone the cron expression is read in.</summary>
    public string TimeZone { get; set; } = "UTC";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Cron);

    /// <summary>What is wrong with the settings, one line each, naming the setting.</summary>
    public IEnumerable<string> Problems() =>
        IsEnabled && BackupSchedule.From(this) is { IsSuccess: false } schedule ? [schedule.Error.Message] : [];
}
