using Backup.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace Backup.Api.Tests;

/// <summary>Backup:Schedule and Backup:Retention: a mistake stops start-up with one line that names the setting.</summary>
public sealed class ScheduleConfigurationTests
{
    private static StartupCheck Check(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return ContainerCheck.Read(configuration);
    }

    [Test]
    public void A_schedule_and_retention_are_read_with_their_defaults()
    {
        var check = Check(("Backup:Schedule:Cron", "0 2 * * *"), ("Backup:Retention:MaxCount", "7"));

        Assert.Multiple(() =>
        {
            Assert.That(check.Problems, Is.Empty);
            Assert.That(check.Backup.Schedule.TimeZone, Is.EqualTo("UTC"));
            Assert.That(check.Backup.Retention.MaxCount, Is.EqualTo(7));
            Assert.That(check.Backup.Retention.MaxAge, Is.Null);
            Assert.That(check.Backup.Retention.MinCount, Is.EqualTo(1));
            Assert.That(check.Backup.Retention.FailedGracePeriod, Is.EqualTo(TimeSpan.FromDays(1)));
            Assert.That(check.Backup.Retention.Interval, Is.EqualTo(TimeSpan.FromHours(1)));
        });
    }

    [TestCase("Backup:Schedule:Cron", "every night", "Backup:Schedule:Cron 'every night' is not a cron expression")]
    [TestCase("Backup:Schedule:TimeZone", "Berlin", "Backup:Schedule:TimeZone 'Berlin' is not a known time zone")]
    [TestCase("Backup:Retention:MaxCount", "0", "Backup:Retention:MaxCount must be at least 1")]
    [TestCase("Backup:Retention:MaxAge", "-1.00:00:00", "Backup:Retention:MaxAge must be positive")]
    [TestCase("Backup:Retention:MinCount", "-1", "Backup:Retention:MinCount must be 0 or more")]
    [TestCase("Backup:Retention:MinCount", "9", "Backup:Retention:MinCount (9) must not be more than Backup:Retention:MaxCount (3)")]
    [TestCase("Backup:Retention:FailedGracePeriod", "-00:00:01", "Backup:Retention:FailedGracePeriod must not be negative")]
    [TestCase("Backup:Retention:Interval", "00:00:00", "Backup:Retention:Interval must be positive")]
    [TestCase("Backup:Retention:Interval", "60.00:00:00", "Backup:Retention:Interval must be positive and at most 30 days")]
    public void A_bad_setting_is_one_problem_that_names_it(string key, string value, string problem)
    {
        var settings = new Dictionary<string, string> { ["Backup:Schedule:Cron"] = "0 2 * * *", ["Backup:Retention:MaxCount"] = "3", [key] = value };
        var check = Check([.. settings.Select(s => (s.Key, s.Value))]);

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.StartWith(problem));
    }
}
