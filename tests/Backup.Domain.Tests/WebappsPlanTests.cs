namespace Backup.Domain.Tests;

/// <summary>Camunda 8.8's part plan: up to seven candidate parts over Operate's, Tasklist's and the identity indices.</summary>
public sealed class WebappsPlanTests
{
    private static readonly BackupId Id = BackupId.Create(88).Value;

    private static readonly string[] Tier1 = ["operate-import-position-8.3.0_", "tasklist-import-position-8.2.0_"];

    private static readonly string[] Tier2 = ["operate-list-view-8.3.0_", "tasklist-task-8.8.0_"];

    private static readonly string[] Tier3 = ["operate-batch-operation-1.0.0_", "operate-operation-8.4.1_"];

    private static readonly string[] Tier4 =
    [
        "operate-decision-8.3.0_", "operate-decision-instance-8.3.0_", "operate-event-8.3.0_", "operate-flownode-instance-8.3.1_",
        "operate-incident-8.3.1_", "operate-job-8.6.0_", "operate-message-8.5.0_", "operate-post-importer-queue-8.3.0_",
        "operate-sequence-flow-8.3.0_", "operate-variable-8.3.0_", "tasklist-draft-task-variable-8.3.0_", "tasklist-task-variable-8.3.0_",
    ];

    private static readonly string[] Tier5 =
    [
        "operate-decision-requirements-8.3.0_", "operate-metric-8.3.0_", "operate-process-8.3.0_", "operate-user-1.2.0_",
        "tasklist-form-8.4.0_", "tasklist-metric-8.3.0_", "camunda-authorization-8.8.0_", "camunda-group-8.8.0_",
        "camunda-mapping-rule-8.8.0_", "camunda-role-8.8.0_", "camunda-tenant-8.8.0_", "camunda-user-8.8.0_",
        "camunda-web-session-8.8.0_", "camunda-usage-metric-8.8.0_", "camunda-usage-metric-tu-8.8.0_",
    ];

    private static readonly string[] Fresh = [.. Tier1, .. Tier2, .. Tier3, .. Tier4, .. Tier5];

    private static readonly string[] DatedTier2 = ["operate-list-view-8.3.0_2025-10-01", "tasklist-task-8.8.0_2025-10-01"];

    private static readonly string[] DatedTier4 = ["operate-variable-8.3.0_2025-10-01", "tasklist-task-variable-8.3.0_2025-10-01"];

    /// <summary>The original put these in no part at all (camunda/camunda#47122).</summary>
    private static readonly string[] DatedOthers =
    [
        "operate-operation-8.4.1_2025-10-01", "operate-batch-operation-1.0.0_2025-10-01", "camunda-usage-metric-8.8.0_2025-10-01",
    ];

    private static readonly string[] Unknown = ["camunda-something-new-8.9.0_", "tasklist-odd", "operate-process-8.3.0_2025-10-01"];

    private static readonly string[] Foreign = ["zeebe-record-job-8.8.0_2025-10-01", "optimize-process-instance-8.8.0_", "camundax-user-8.8.0_", ".security-7"];

    private static BackupPlan Plan(string prefix, IEnumerable<string> indices) =>
        BackupPlan.Create(Id, ComponentProfile.Webapps, prefix, "8.8.0", indices).Value;

    private static IEnumerable<TestCaseData> Systems()
    {
        yield return new TestCaseData(new[] { Fresh }, 5).SetName("A fresh system (no dated index) is backed up in five parts");
        yield return new TestCaseData(new[] { Fresh, DatedTier2 }, 6).SetName("Dated list views make six parts");
        yield return new TestCaseData(new[] { Fresh, DatedTier4 }, 6).SetName("Dated variables make six parts");
        yield return new TestCaseData(new[] { Fresh, DatedOthers }, 6).SetName("Dated operations make six parts");
        yield return new TestCaseData(new[] { Fresh, DatedTier2, DatedTier4, DatedOthers, Unknown }, 7).SetName("An aged system makes seven parts");
    }

    [TestCaseSource(nameof(Systems))]
    public void The_part_count_is_the_number_of_parts_that_have_an_index(string[][] indices, int parts)
    {
        var plan = Plan("", [.. indices.SelectMany(i => i), .. Foreign]);

        Assert.That(plan.Parts.Select(p => p.Number), Is.EqualTo(Enumerable.Range(1, parts)));
        Assert.That(plan.SnapshotNames.Select(n => n.ToString()),
            Is.EqualTo(Enumerable.Range(1, parts).Select(n => $"camunda_webapps_88_8.8.0_part_{n}_of_{parts}")));
        Assert.That(plan.Parts, Has.All.Matches<BackupPart>(p => p.Indices.Count > 0 && !p.Indices.Any(i => i.Contains('*', StringComparison.Ordinal))));
    }

    [TestCaseSource(nameof(Systems))]
    public void Every_index_under_the_three_families_is_in_exactly_one_part_and_nothing_else_is(string[][] indices, int parts)
    {
        var plan = Plan("", [.. indices.SelectMany(i => i), .. Foreign]);

        var planned = plan.Parts.SelectMany(p => p.Indices).ToList();
        Assert.That(planned, Is.Unique);
        Assert.That(planned, Is.EquivalentTo(indices.SelectMany(i => i)));
    }

    [Test]
    public void Parts_follow_the_originals_tiers_with_dated_copies_in_their_own_parts()
    {
        var plan = Plan("", [.. Fresh, .. DatedTier2, .. DatedTier4, .. DatedOthers, .. Unknown]);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Parts[0].Indices, Is.EquivalentTo(Tier1));
            Assert.That(plan.Parts[1].Indices, Is.EquivalentTo(Tier2));
            Assert.That(plan.Parts[2].Indices, Is.EquivalentTo(DatedTier2));
            Assert.That(plan.Parts[3].Indices, Is.EquivalentTo(Tier3));
            Assert.That(plan.Parts[4].Indices, Is.EquivalentTo(Tier4));
            Assert.That(plan.Parts[5].Indices, Is.EquivalentTo(DatedTier4.Concat(DatedOthers[..2])));
            Assert.That(plan.Parts[6].Indices, Is.EquivalentTo(Tier5.Concat(Unknown).Append(DatedOthers[2])));
        });
    }

    [Test]
    public void A_fresh_systems_parts_skip_the_dated_ones()
    {
        var plan = Plan("", Fresh);

        Assert.That(plan.Parts.Select(p => p.Indices.Count), Is.EqualTo(new[] { Tier1.Length, Tier2.Length, Tier3.Length, Tier4.Length, Tier5.Length }));
    }

    [Test]
    public void Every_missing_required_index_is_named_and_no_plan_is_made()
    {
        var missing = new[] { "tasklist-import-position-8.2.0_", "operate-list-view-8.3.0_", "camunda-user-8.8.0_" };

        var plan = BackupPlan.Create(Id, ComponentProfile.Webapps, "", "8.8.0", [.. Fresh.Except(missing), .. DatedTier2]);

        Assert.That(plan.IsSuccess, Is.False);
        Assert.That(plan.Error!.Kind, Is.EqualTo(ErrorKind.EngineFailure));
        Assert.That(plan.Error.Message, Does.StartWith("Missing indices: [tasklist-import-position-*_, operate-list-view-*_, camunda-user-*_]"));
    }

    [Test]
    public void A_custom_prefix_goes_before_each_family()
    {
        var indices = Fresh.Select(i => "custom-" + i).Concat(Fresh).ToList();

        var plan = Plan("custom", indices);

        Assert.That(plan.Parts.SelectMany(p => p.Indices), Is.EquivalentTo(Fresh.Select(i => "custom-" + i)));
        Assert.That(plan.Parts, Has.Count.EqualTo(5));
    }
}
