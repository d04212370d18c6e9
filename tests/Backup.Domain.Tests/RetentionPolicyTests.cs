using System.Globalization;

namespace Backup.Domain.Tests;

/// <summary>Every retention rule, one row each, on backups written as "id:state:age in hours".</summary>
public sealed class RetentionPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Backups from a compact form, e.g. "3:C:10 2:F:30": id, state (C completed, F failed, I incomplete, X
    /// incompatible, R running), and how many hours ago it started.
    /// </summary>
    private static List<BackupReport> Backups(string spec) =>
    [
        .. spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(item =>
        {
            var fields = item.Split(':');
            var id = BackupId.Create(long.Parse(fields[0], CultureInfo.InvariantCulture)).Value;
            var start = Now - TimeSpan.FromHours(double.Parse(fields[2], CultureInfo.InvariantCulture));
            var states = fields[1] switch
            {
                "C" => "SSSSSS",
                "F" => "SSF",
                "I" => "SS",
                "X" => "SSSSSX",
                "R" => "SSR",
                _ => throw new ArgumentException(fields[1]),
            };
            var parts = states.Select((state, i) => new Snapshot(
                new SnapshotName(Component.Operate, id, "8.7.0", i + 1, 6),
                state switch { 'S' => "SUCCESS", 'F' => "FAILED", 'X' => "INCOMPATIBLE", _ => "IN_PROGRESS" },
                start.AddSeconds(i),
                state == 'R' ? null : start.AddSeconds(i + 1),
                []));
            return BackupReport.Of(id, parts, Now, Timeout);
        }),
    ];

    private static RetentionPolicy Policy(int? maxCount = null, double? maxAgeHours = null, int minCount = 1, double graceHours = 24) =>
        new(maxCount, maxAgeHours is { } hours ? TimeSpan.FromHours(hours) : null, minCount, TimeSpan.FromHours(graceHours));

    private static long[] Deleted(RetentionPolicy policy, string spec) =>
        [.. policy.Select(Backups(spec), Now).Deletions.Select(d => d.Backup.Id.Value)];

    [TestCase("5:C:1 4:C:2 3:C:3 2:C:4 1:C:5", 3, new long[] { 1, 2 }, TestName = "MaxCount 3 of 5: the two oldest go, oldest first")]
    [TestCase("3:C:1 2:C:2 1:C:3", 3, new long[0], TestName = "MaxCount exactly reached: nothing goes")]
    [TestCase("3:C:1 2:F:2 1:C:3", 1, new long[] { 1 }, TestName = "MaxCount counts COMPLETED backups only")]
    [TestCase("1:C:1 2:C:5 3:C:3", 1, new long[] { 2, 3 }, TestName = "newest is by start time, not by id")]
    public void MaxCount_keeps_that_many_completed_backups(string spec, int maxCount, long[] deleted) =>
        Assert.That(Deleted(Policy(maxCount: maxCount), spec), Is.EqualTo(deleted));

    [TestCase("4:C:1 3:C:23 2:C:25 1:C:100", 24.0, new long[] { 1, 2 }, TestName = "MaxAge 24 h: older ones go, oldest first")]
    [TestCase("2:C:24 1:C:30", 24.0, new long[] { 1 }, TestName = "exactly MaxAge old is kept")]
    public void MaxAge_deletes_completed_backups_older_than_it(string spec, double maxAgeHours, long[] deleted) =>
        Assert.That(Deleted(Policy(maxAgeHours: maxAgeHours), spec), Is.EqualTo(deleted));

    [TestCase("3:C:100 2:C:200 1:C:300", 1, new long[] { 1, 2 }, TestName = "MinCount 1: the newest survives MaxAge")]
    [TestCase("3:C:100 2:C:200 1:C:300", 2, new long[] { 1 }, TestName = "MinCount 2: the two newest survive MaxAge")]
    [TestCase("3:C:100 2:C:200 1:C:300", 0, new long[] { 1, 2, 3 }, TestName = "MinCount 0: every expired backup goes")]
    [TestCase("4:F:1 3:F:2 2:C:200 1:C:300", 1, new long[] { 1 }, TestName = "MinCount protects COMPLETED backups, newer failed ones do not count")]
    public void MinCount_protects_the_newest_completed_backups(string spec, int minCount, long[] deleted) =>
        Assert.That(Deleted(Policy(maxAgeHours: 24, minCount: minCount), spec), Is.EqualTo(deleted));

    [Test]
    public void MinCount_wins_over_MaxCount() =>
        Assert.That(Deleted(Policy(maxCount: 1, minCount: 3), "4:C:1 3:C:2 2:C:3 1:C:4"), Is.EqualTo(new long[] { 1 }));

    [TestCase("3:F:23 2:I:25 1:X:30", new long[] { 1, 2 }, TestName = "FAILED, INCOMPLETE, INCOMPATIBLE go after the grace period")]
    [TestCase("2:F:1 1:F:24", new long[0], TestName = "within the grace period they stay")]
    [TestCase("9:C:1 2:F:48 1:C:50", new long[] { 1, 2 }, TestName = "failed and completed together, oldest first")]
    public void Failed_backups_go_after_the_grace_period(string spec, long[] deleted) =>
        Assert.That(Deleted(Policy(maxAgeHours: 24), spec), Is.EqualTo(deleted));

    [Test]
    public void Nothing_is_deleted_while_a_backup_is_running()
    {
        var plan = Policy(maxCount: 1, maxAgeHours: 1, minCount: 0).Select(Backups("9:R:0 5:C:100 4:F:100 3:C:200"), Now);

        Assert.That(plan.Deletions, Is.Empty);
        Assert.That(plan.BlockedBy, Is.EqualTo(BackupId.Create(9).Value));
    }

    [Test]
    public void Without_MaxCount_and_MaxAge_nothing_is_deleted_not_even_failed_backups()
    {
        var policy = Policy();

        Assert.That(policy.IsEnabled, Is.False);
        Assert.That(Deleted(policy, "3:F:1000 2:C:1000 1:C:2000"), Is.Empty);
    }

    [Test]
    public void A_backup_whose_start_is_unknown_is_kept()
    {
        var id = BackupId.Create(1).Value;
        var unknownStart = BackupReport.Of(id,
            Enumerable.Range(1, 6).Select(n => new Snapshot(new SnapshotName(Component.Operate, id, "8.7.0", n, 6), "SUCCESS", null, null, null)), Now, Timeout);

        var plan = Policy(maxCount: 1, maxAgeHours: 1, minCount: 0).Select([unknownStart], Now);

        Assert.That(plan.Deletions, Is.Empty);
    }

    [Test]
    public void Each_deletion_says_which_rule_expired_it()
    {
        var plan = Policy(maxCount: 2, maxAgeHours: 24).Select(Backups("5:C:1 4:C:2 3:C:3 2:C:25 1:F:48"), Now);

        Assert.That(plan.Deletions.Select(d => $"{d.Backup.Id}: {d.Reason}"), Is.EqualTo(new[]
        {
            "1: FAILED and older than FailedGracePeriod (1.00:00:00): started 2026-11-22T12:00:00.0000000Z",
            "2: beyond MaxCount (2): the 4th newest of 4 COMPLETED backups",
            "3: beyond MaxCount (2): the 3rd newest of 4 COMPLETED backups",
        }));
    }

    [Test]
    public void A_completed_backup_expired_by_age_within_MaxCount_says_so()
    {
        var plan = Policy(maxCount: 5, maxAgeHours: 24).Select(Backups("2:C:1 1:C:30"), Now);

        Assert.That(plan.Deletions.Single().Reason, Is.EqualTo("older than MaxAge (1.00:00:00): started 2026-11-23T06:00:00.0000000Z"));
    }
}
