using Backup.Api.WebConsole;

namespace Backup.Api.Tests;

public sealed class BackupFreshnessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    // Daily at 03:00: the next two ticks, 24 h apart; a backup may take up to 2 h more.
    private static readonly DateTimeOffset NextDaily = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    [TestCase(1, null)]
    [TestCase(25.9, null)]
    [TestCase(26.1, "ended 26 h 6 min ago, but the schedule starts one every 24 h 0 min")]
    [TestCase(80, "ended 3 days 8 h ago")]
    public void A_daily_schedule_allows_a_day_and_two_hours_since_the_last_COMPLETED_backup(double hoursAgo, string? warning)
    {
        var said = BackupFreshness.Warning(Now, Now.AddHours(-hoursAgo), NextDaily, NextDaily.AddDays(1));

        Assert.That(said, warning is null ? Is.Null : Does.Contain(warning));
    }

    [TestCase(1.9, null)]
    [TestCase(2.1, "ended 2 min 6 s ago, but the schedule starts one every 1 min 0 s")]
    public void A_schedule_every_minute_allows_two_minutes(double minutesAgo, string? warning)
    {
        var next = Now.AddSeconds(30);

        var said = BackupFreshness.Warning(Now, Now.AddMinutes(-minutesAgo), next, next.AddMinutes(1));

        Assert.That(said, warning is null ? Is.Null : Does.Contain(warning));
    }

    [Test]
    public void Without_a_schedule_no_age_is_too_old()
    {
        Assert.That(BackupFreshness.Warning(Now, Now.AddYears(-1), null, null), Is.Null);
    }

    [Test]
    public void A_schedule_without_any_COMPLETED_backup_says_there_is_nothing_to_restore_from()
    {
        Assert.That(BackupFreshness.Warning(Now, null, NextDaily, NextDaily.AddDays(1)), Does.Contain("nothing to restore from"));
    }
}
