using Backup.Domain.Platform;

namespace Backup.Domain.Tests;

public sealed class PlatformPlanTests
{
    private static readonly BackupId Id = BackupId.Create(1764118800).Value;

    [Test]
    public void On_87_every_webapp_is_backed_up_before_the_soft_pause_records_snapshot_and_zeebe()
    {
        var steps = PlatformPlan.Steps(PlatformLine.V87, [PlatformComponent.Zeebe, PlatformComponent.Operate, PlatformComponent.Tasklist, PlatformComponent.Optimize]);
        Assert.That(steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            "start-backup optimize", "start-backup operate", "start-backup tasklist",
            "await-backup optimize", "await-backup operate", "await-backup tasklist",
            "soft-pause-exporting", "records-snapshot", "await-records-snapshot", "start-backup zeebe", "await-backup zeebe", "resume-exporting",
        }));
    }

    [Test]
    public void On_88_the_soft_pause_comes_first_then_webapps_and_optimize()
    {
        var steps = PlatformPlan.Steps(PlatformLine.V88, [PlatformComponent.Zeebe, PlatformComponent.Webapps, PlatformComponent.Optimize]);
        Assert.That(steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            "soft-pause-exporting", "start-backup webapps", "start-backup optimize", "await-backup webapps", "await-backup optimize",
            "records-snapshot", "await-records-snapshot", "start-backup zeebe", "await-backup zeebe", "resume-exporting",
        }));
    }

    private static PlatformRun Run(PlatformOutcome? outcome, PlatformFailure? failure = null, bool paused = false) =>
        new(Id, PlatformLine.V87, [PlatformComponent.Zeebe, PlatformComponent.Optimize], DateTimeOffset.UnixEpoch, "await-backup zeebe", paused, outcome, failure, null);

    private static ComponentBackup Backup(PlatformComponent component, string state, string? reason = null) => new(component, state, reason, []);

    [TestCase(null, "COMPLETED", "COMPLETED", "SUCCESS", PlatformState.InProgress)]
    [TestCase(PlatformOutcome.Completed, "COMPLETED", "COMPLETED", "SUCCESS", PlatformState.Completed)]
    [TestCase(PlatformOutcome.Abandoned, "COMPLETED", "COMPLETED", "SUCCESS", PlatformState.Completed)]
    [TestCase(PlatformOutcome.Abandoned, "DOES_NOT_EXIST", "COMPLETED", "SUCCESS", PlatformState.Incomplete)]
    [TestCase(PlatformOutcome.Completed, "COMPLETED", "DOES_NOT_EXIST", "SUCCESS", PlatformState.Incomplete)]
    [TestCase(PlatformOutcome.Completed, "COMPLETED", "COMPLETED", null, PlatformState.Incomplete)]
    [TestCase(PlatformOutcome.Completed, "FAILED", "COMPLETED", "SUCCESS", PlatformState.Failed)]
    [TestCase(PlatformOutcome.Completed, "COMPLETED", "COMPLETED", "PARTIAL", PlatformState.Failed)]
    public void The_state_comes_from_the_record_and_what_each_component_says_now(
        PlatformOutcome? outcome, string zeebe, string optimize, string? records, PlatformState expected)
    {
        var report = PlatformReport.Compute(Run(outcome), [Backup(PlatformComponent.Zeebe, zeebe, "disk full"), Backup(PlatformComponent.Optimize, optimize)], records);
        Assert.That(report.State, Is.EqualTo(expected));
        Assert.That(report.FailureReason is null, Is.EqualTo(expected is PlatformState.Completed or PlatformState.InProgress));
    }

    [Test]
    public void A_failed_step_names_the_component_the_step_and_the_reason_and_an_abandoned_run_says_where_it_stopped()
    {
        var failed = PlatformReport.Compute(
            Run(PlatformOutcome.Failed, new PlatformFailure(PlatformComponent.Zeebe, "soft-pause-exporting", "status 500")),
            [Backup(PlatformComponent.Zeebe, "DOES_NOT_EXIST"), Backup(PlatformComponent.Optimize, "COMPLETED")], "SUCCESS");
        Assert.That(failed.FailureReason, Is.EqualTo("zeebe failed at step 'soft-pause-exporting': status 500"));

        var abandoned = PlatformReport.Compute(Run(PlatformOutcome.Abandoned),
            [Backup(PlatformComponent.Zeebe, "DOES_NOT_EXIST"), Backup(PlatformComponent.Optimize, "COMPLETED")], null);
        Assert.That(abandoned.FailureReason, Does.StartWith("The run was cut short at step 'await-backup zeebe'").And.Contains("zeebe: DOES_NOT_EXIST, records snapshot: DOES_NOT_EXIST"));
    }
}
