namespace Backup.Domain.Tests;

/// <summary>The state rules of original-behaviour.md, one row each.</summary>
public sealed class BackupReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly BackupId Id = BackupId.Create(7).Value;

    /// <summary>Parts from a compact form: "S" success, "F" failed, "P" partial, "I" incompatible, "R" running, "?" unknown.</summary>
    private static List<Snapshot> Parts(string states, int count = 6, TimeSpan? endedAgo = null) =>
    [
        .. states.Select((state, i) => new Snapshot(
            new SnapshotName(Component.Operate, Id, "8.7.0", i + 1, count),
            state switch { 'S' => "SUCCESS", 'F' => "FAILED", 'P' => "PARTIAL", 'I' => "INCOMPATIBLE", 'R' => "IN_PROGRESS", _ => "WHATEVER" },
            Now - (endedAgo ?? TimeSpan.FromMinutes(1)) - TimeSpan.FromSeconds(10),
            state == 'R' ? null : Now - (endedAgo ?? TimeSpan.FromMinutes(1)),
            [])),
    ];

    [TestCase("SSSSSS", BackupState.Completed, null, TestName = "every part succeeded: COMPLETED")]
    [TestCase("SSFSSS", BackupState.Failed, "There were failures with the following snapshots: camunda_operate_7_8.7.0_part_3_of_6", TestName = "a failed part: FAILED")]
    [TestCase("SSPS", BackupState.Failed, "Some of the snapshots are partial: camunda_operate_7_8.7.0_part_3_of_6", TestName = "a partial part: FAILED")]
    [TestCase("SFPS", BackupState.Failed, "There were failures with the following snapshots: camunda_operate_7_8.7.0_part_2_of_6", TestName = "failed wins over partial")]
    [TestCase("SSI", BackupState.Incompatible, "Some of the snapshots are incompatible with the current engine version: camunda_operate_7_8.7.0_part_3_of_6", TestName = "an incompatible part: INCOMPATIBLE")]
    [TestCase("SFI", BackupState.Failed, "There were failures", TestName = "failed wins over incompatible")]
    [TestCase("SSR", BackupState.InProgress, null, TestName = "a running part: IN_PROGRESS")]
    [TestCase("SSS", BackupState.InProgress, null, TestName = "missing parts, last ended a minute ago: IN_PROGRESS")]
    [TestCase("SS?", BackupState.Incomplete, "The engine did not report the state of the following snapshots: camunda_operate_7_8.7.0_part_3_of_6", TestName = "an unknown state: INCOMPLETE with a reason")]
    public void The_state_follows_the_rules(string states, BackupState state, string? reason)
    {
        var report = BackupReport.Of(Id, Parts(states), Now, Timeout);

        Assert.That(report.State, Is.EqualTo(state));
        if (reason is null)
        {
            Assert.That(report.FailureReason, Is.Null);
        }
        else
        {
            Assert.That(report.FailureReason, Does.StartWith(reason));
        }
    }

    [TestCase(4.99, BackupState.InProgress)]
    [TestCase(5.0, BackupState.Incomplete)]
    [TestCase(60.0, BackupState.Incomplete)]
    public void Missing_parts_turn_INCOMPLETE_once_the_last_part_ended_longer_ago_than_the_timeout(double minutesAgo, BackupState state)
    {
        var report = BackupReport.Of(Id, Parts("SSS", endedAgo: TimeSpan.FromMinutes(minutesAgo)), Now, Timeout);

        Assert.That(report.State, Is.EqualTo(state));
    }

    [Test]
    public void An_incomplete_backup_says_which_parts_are_missing()
    {
        var report = BackupReport.Of(Id, Parts("SSS", endedAgo: TimeSpan.FromHours(1)), Now, Timeout);

        Assert.That(report.FailureReason, Does.StartWith("Backup is incomplete: part(s) 4, 5, 6 of 6 were never taken."));
    }

    [Test]
    public void A_backup_of_no_snapshots_is_refused_naming_the_snapshots_given()
    {
        var refused = Assert.Throws<ArgumentException>(() => BackupReport.Of(Id, [], Now, Timeout));

        Assert.That(refused!.ParamName, Is.EqualTo("snapshots"));
    }

    [Test]
    public void More_parts_than_expected_is_FAILED()
    {
        var parts = Parts("SSS", count: 2);

        var report = BackupReport.Of(Id, parts, Now, Timeout);

        Assert.That(report.State, Is.EqualTo(BackupState.Failed));
        Assert.That(report.FailureReason, Is.EqualTo("More snapshots found than expected."));
    }

    [Test]
    public void Two_snapshots_of_one_part_are_FAILED_not_COMPLETED()
    {
        var parts = Parts("SSSSS");
        parts.Add(parts[0] with { Name = parts[0].Name with { Version = "8.6.0" } });

        Assert.That(BackupReport.Of(Id, parts, Now, Timeout).State, Is.EqualTo(BackupState.Failed));
    }

    [Test]
    public void Parts_are_listed_in_part_order_whatever_order_they_came_in()
    {
        var parts = Parts("SSSSSS");
        parts.Reverse();

        var report = BackupReport.Of(Id, parts, Now, Timeout);

        Assert.That(report.Parts.Select(p => p.Name.PartNumber), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
    }

    [TestCase(new[] { 3, 1, 6, 2, 5, 4 })]
    [TestCase(new[] { 1, 2, 3, 4, 6, 5 })]
    [TestCase(new[] { 6, 5, 4, 3, 1, 2 })]
    [TestCase(new[] { 1, 2, 3, 4, 5, 6 })]
    public void Parts_in_any_order_come_out_in_part_order(int[] listed)
    {
        var parts = Parts("SSSSSS");

        var report = BackupReport.Of(Id, listed.Select(n => parts[n - 1]), Now, Timeout);

        Assert.That(report.Parts, Is.EqualTo(parts));
    }

    [Test]
    public void A_part_found_twice_is_ordered_by_name_after_its_number()
    {
        var parts = Parts("SSS");
        var again = parts[1] with { Name = parts[1].Name with { Version = "8.6.0" } };

        var report = BackupReport.Of(Id, [parts[2], parts[1], again, parts[0]], Now, Timeout);

        // "..._8.6.0_part_2_of_6" sorts before "..._8.7.0_part_2_of_6".
        Assert.That(report.Parts, Is.EqualTo(new[] { parts[0], again, parts[1], parts[2] }));
    }

    [Test]
    public void A_names_only_part_with_no_time_is_not_taken_for_a_running_one()
    {
        var parts = Parts("SS").Select(p => p with { StartTime = null, EndTime = null }).ToList();

        Assert.That(BackupReport.Of(Id, parts, Now, Timeout).State, Is.EqualTo(BackupState.Incomplete));
    }

    [TestCase("STARTED", SnapshotState.InProgress)]
    [TestCase("IN_PROGRESS", SnapshotState.InProgress)]
    [TestCase("SUCCESS", SnapshotState.Success)]
    [TestCase("INCOMPATIBLE", SnapshotState.Incompatible)]
    [TestCase("ABORTED", SnapshotState.Unknown)]
    [TestCase(null, SnapshotState.Unknown)]
    public void The_engines_words_for_states_are_understood(string? word, SnapshotState state)
    {
        Assert.That(SnapshotStates.Parse(word), Is.EqualTo(state));
    }
}
