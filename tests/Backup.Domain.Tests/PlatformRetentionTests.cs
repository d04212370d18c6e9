using System.Globalization;
using Backup.Domain.Platform;

namespace Backup.Domain.Tests;

/// <summary>Retention's choice among whole platform backups: their state from the report, their start from the record.</summary>
public sealed class PlatformRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly RetentionPolicy KeepOne = new(MaxCount: 1, MaxAge: null, MinCount: 1, FailedGracePeriod: TimeSpan.FromDays(1));

    [TestCase("3:C:1 2:C:2 1:C:3", "1 2")]
    [TestCase("3:C:1 2:R:2 1:C:3", "", Description = "a platform backup being taken holds every deletion back")]
    [TestCase("3:R:1 2:C:2 1:C:3", "")]
    [TestCase("4:C:1 3:F:2 2:A:30 1:F:48", "1 2", Description = "FAILED and abandoned (INCOMPLETE) ones once past the grace period")]
    [TestCase("2:A:30 1:C:40", "2", Description = "the only COMPLETED one is kept whatever its age")]
    public void Expired_platform_backups_are_chosen_whole_oldest_first(string backups, string expected)
    {
        var plan = KeepOne.Select(Reports(backups).Select(r => r.ForRetention), Now);

        Assert.That(string.Join(' ', plan.Deletions.Select(d => d.Backup.Id.ToString())), Is.EqualTo(expected));
        Assert.That(plan.BlockedBy is null, Is.EqualTo(!backups.Contains(":R:", StringComparison.Ordinal)));
    }

    /// <summary>"id:state:hours ago": C completed, F failed, A abandoned with a part missing, R being taken.</summary>
    private static IEnumerable<PlatformReport> Reports(string spec) =>
        spec.Split(' ').Select(item =>
        {
            var fields = item.Split(':');
            var id = BackupId.Create(long.Parse(fields[0], CultureInfo.InvariantCulture)).Value;
            var started = Now - TimeSpan.FromHours(double.Parse(fields[2], CultureInfo.InvariantCulture));
            var outcome = fields[1] switch
            {
                "C" => PlatformOutcome.Completed,
                "F" => PlatformOutcome.Failed,
                "A" => PlatformOutcome.Abandoned,
                _ => (PlatformOutcome?)null,
            };
            var run = new PlatformRun(id, PlatformLine.V88, [PlatformComponent.Zeebe, PlatformComponent.Webapps], started, "resume-exporting", false, outcome,
                outcome == PlatformOutcome.Failed ? new PlatformFailure(PlatformComponent.Zeebe, "await-backup zeebe", "full") : null, outcome is null ? null : started);
            var webapps = fields[1] == "A" ? ComponentBackup.Missing(PlatformComponent.Webapps) : new ComponentBackup(PlatformComponent.Webapps, "COMPLETED", null, []);
            return PlatformReport.Compute(run, [new ComponentBackup(PlatformComponent.Zeebe, "COMPLETED", null, []), webapps], "SUCCESS");
        });
}
