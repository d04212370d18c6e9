using Backup.Application.Backups.Scheduling;
using Backup.Domain;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backup.Application.Tests;

/// <summary>The schedule's ticks, and the scheduler that turns each into the API's create command, on a fake clock.</summary>
public sealed class BackupScheduleTests
{
    private static BackupSchedule Schedule(string cron, string timeZone = "UTC") =>
        BackupSchedule.From(new ScheduleOptions { Cron = cron, TimeZone = timeZone }).Value;

    private static IEnumerable<DateTimeOffset> Ticks(BackupSchedule schedule, DateTimeOffset from, int count)
    {
        for (var tick = schedule.NextAfter(from); tick is not null && count-- > 0; tick = schedule.NextAfter(tick.Value))
        {
            yield return tick.Value;
        }
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static (BackupScheduler Scheduler, Sender Sender, ScheduleRecord Record) Scheduler(Harness harness, string cron, string timeZone = "UTC")
    {
        harness.Options.Value.Schedule.Cron = cron;
        harness.Options.Value.Schedule.TimeZone = timeZone;
        var sender = new Sender(harness);
        var record = new ScheduleRecord();
        return (new BackupScheduler(sender.Scopes.Object, record, harness.Options, harness.Clock, NullLogger<BackupScheduler>.Instance), sender, record);
    }

    [TestCase("0 2 * * *", "2026-11-24T12:00:00Z", "2026-11-25T02:00:00Z", TestName = "5 fields: minute hour day month weekday")]
    [TestCase("30 0 2 * * *", "2026-11-24T12:00:00Z", "2026-11-25T02:00:30Z", TestName = "6 fields: seconds first")]
    [TestCase("@daily", "2026-11-24T12:00:00Z", "2026-11-25T00:00:00Z", TestName = "a macro")]
    [TestCase("*/5 * * * *", "2026-11-24T12:05:00Z", "2026-11-24T12:10:00Z", TestName = "a tick is after the instant, never at it")]
    public void The_next_tick_follows_the_cron_expression(string cron, string from, string next) =>
        Assert.That(Schedule(cron).NextAfter(Utc(from)), Is.EqualTo(Utc(next)));

    [Test]
    public void In_a_time_zone_the_skipped_hour_of_spring_gives_its_tick_at_the_end_of_the_gap()
    {
        // Berlin moves from 02:00 CET to 03:00 CEST on 29 March 2026: 02:30 does not exist that night.
        var ticks = Ticks(Schedule("30 2 * * *", "Europe/Berlin"), Utc("2026-03-27T12:00:00Z"), 3);

        Assert.That(ticks, Is.EqualTo(new[] { Utc("2026-03-28T01:30:00Z"), Utc("2026-03-29T01:00:00Z"), Utc("2026-03-30T00:30:00Z") }));
    }

    [Test]
    public void In_a_time_zone_the_repeated_hour_of_autumn_gives_one_tick_not_two()
    {
        // Berlin moves from 03:00 CEST back to 02:00 CET on 25 October 2026: 02:30 comes twice that night.
        var ticks = Ticks(Schedule("30 2 * * *", "Europe/Berlin"), Utc("2026-10-24T12:00:00Z"), 2);

        Assert.That(ticks, Is.EqualTo(new[] { Utc("2026-10-25T00:30:00Z"), Utc("2026-10-26T01:30:00Z") }));
    }

    [TestCase("0 2 * *", "UTC", "Backup:Schedule:Cron '0 2 * *' is not a cron expression", TestName = "four fields")]
    [TestCase("61 * * * *", "UTC", "Backup:Schedule:Cron '61 * * * *' is not a cron expression", TestName = "minute 61")]
    [TestCase("0 2 * * *", "Mars/Olympus", "Backup:Schedule:TimeZone 'Mars/Olympus' is not a known time zone", TestName = "an unknown time zone")]
    [TestCase("0 2 * * *", "", "Backup:Schedule:TimeZone '' is not a known time zone", TestName = "an empty time zone")]
    [TestCase("0 0 2 * * * 2027", "UTC", "Backup:Schedule:Cron '0 0 2 * * * 2027' is not a cron expression", TestName = "seven fields, Quartz's year")]
    public void A_bad_setting_is_one_line_naming_it(string cron, string timeZone, string problem) =>
        Assert.That(new ScheduleOptions { Cron = cron, TimeZone = timeZone }.Problems().Single(), Does.StartWith(problem));

    [Test]
    public void Without_a_cron_expression_nothing_is_checked_and_nothing_is_scheduled() =>
        Assert.That(new ScheduleOptions { TimeZone = "Mars/Olympus" }.Problems(), Is.Empty);

    [Test]
    public void A_backup_id_is_the_ticks_unix_seconds() =>
        Assert.That(BackupSchedule.BackupIdOf(Utc("2026-11-24T12:05:00Z")), Is.EqualTo(1795521900));

    [Test]
    public async Task Each_tick_sends_the_APIs_create_command_with_the_ticks_unix_seconds()
    {
        using var harness = new Harness();
        var (scheduler, sender, record) = Scheduler(harness, "*/5 * * * *");

        await scheduler.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenCreates(3));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.That(sender.Creates, Is.EqualTo(new[] { 1795521900L, 1795522200L, 1795522500L }));
        Assert.That(record.LastRun, Is.EqualTo(new ScheduledRun(Utc("2026-11-24T12:15:00Z"), 1795522500, ScheduledRunOutcome.Started, null)));
        Assert.That(record.NextTick, Is.EqualTo(Utc("2026-11-24T12:20:00Z")));
    }

    [Test]
    public async Task A_tick_missed_while_the_service_was_down_is_not_caught_up()
    {
        using var harness = new Harness(start: Utc("2026-11-24T12:07:30Z"));
        var (scheduler, sender, _) = Scheduler(harness, "*/5 * * * *");

        await scheduler.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenCreates(1));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.That(sender.Creates, Is.EqualTo(new[] { Utc("2026-11-24T12:10:00Z").ToUnixTimeSeconds() }));
    }

    [Test]
    public async Task The_scheduler_follows_the_time_zone_across_the_spring_change()
    {
        using var harness = new Harness(start: Utc("2026-03-28T12:00:00Z"));
        var (scheduler, sender, _) = Scheduler(harness, "30 2 * * *", "Europe/Berlin");

        await scheduler.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenCreates(2));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.That(sender.Creates, Is.EqualTo(new[] { 1774746000L, Utc("2026-03-30T00:30:00Z").ToUnixTimeSeconds() }));
    }

    [TestCase("A backup with ID [1795521900] already exists. Found snapshots: [...]", TestName = "the id exists: another replica took this tick")]
    [TestCase("Another backup is running at the moment (backup [1795521600]).", TestName = "another backup is running")]
    public async Task A_refused_create_is_a_skipped_tick_and_the_schedule_goes_on(string refusal)
    {
        using var harness = new Harness();
        var (scheduler, sender, record) = Scheduler(harness, "*/5 * * * *");
        sender.OnCreate = _ => Error.Invalid(refusal);

        await scheduler.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenCreates(2));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.That(record.LastRun!.Outcome, Is.EqualTo(ScheduledRunOutcome.Skipped));
        Assert.That(record.LastRun.Reason, Is.EqualTo(refusal));
    }

    [Test]
    public async Task An_unreachable_engine_fails_the_tick_and_the_schedule_goes_on()
    {
        using var harness = new Harness();
        var (scheduler, sender, record) = Scheduler(harness, "*/5 * * * *");
        sender.OnCreate = _ => Error.EngineUnreachable("Elasticsearch could not be reached");

        await scheduler.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenCreates(2));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.That(record.LastRun, Is.EqualTo(new ScheduledRun(Utc("2026-11-24T12:10:00Z"), 1795522200, ScheduledRunOutcome.Failed, "Elasticsearch could not be reached")));
    }

    [Test]
    public async Task A_crash_in_one_tick_does_not_end_the_schedule()
    {
        using var harness = new Harness();
        var (scheduler, sender, record) = Scheduler(harness, "*/5 * * * *");
        sender.OnCreate = id => id == 1795521900 ? throw new InvalidOperationException("bug") : new Backups.CreateBackup.CreatedBackup([]);

        await scheduler.StartAsync(CancellationToken.None);
        await harness.Clock.RunAsync(sender.WhenCreates(1));
        await harness.Clock.RunAsync(sender.WhenCreates(2));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.That(record.LastRun!.Outcome, Is.EqualTo(ScheduledRunOutcome.Started));
    }

    [Test]
    public async Task Without_a_cron_expression_the_scheduler_sends_nothing()
    {
        using var harness = new Harness();
        var (scheduler, sender, record) = Scheduler(harness, "");

        await scheduler.StartAsync(CancellationToken.None);
        await scheduler.ExecuteTask!;

        Assert.That(sender.Creates, Is.Empty);
        Assert.That(record.NextTick, Is.Null);
    }
}
