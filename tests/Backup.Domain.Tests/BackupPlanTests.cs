namespace Backup.Domain.Tests;

public sealed class BackupPlanTests
{
    private static readonly BackupId Id = BackupId.Create(42).Value;

    private static readonly string[] Operate87 =
    [
        "operate-import-position-8.3.0_", "operate-list-view-8.3.0_", "operate-batch-operation-1.0.0_", "operate-decision-instance-8.3.0_",
        "operate-event-8.3.0_", "operate-flownode-instance-8.3.1_", "operate-incident-8.3.1_", "operate-job-8.6.0_", "operate-message-8.5.0_",
        "operate-operation-8.4.1_", "operate-post-importer-queue-8.3.0_", "operate-sequence-flow-8.3.0_", "operate-user-task-8.5.0_",
        "operate-variable-8.3.0_", "operate-decision-8.3.0_", "operate-decision-requirements-8.3.0_", "operate-metric-8.3.0_",
        "operate-migration-steps-repository-1.1.0_", "operate-process-8.3.0_", "operate-user-1.2.0_", "operate-web-session-1.1.0_",
    ];

    private static readonly string[] OperateDated =
    [
        "operate-list-view-8.3.0_2024-01-15", "operate-list-view-8.3.0_2024-01-16", "operate-flownode-instance-8.3.1_2024-01-15",
        "operate-variable-8.3.0_2024-01-15", "operate-user-task-8.5.0_2024-01-15",
    ];

    private static readonly string[] Tasklist87 =
    [
        "tasklist-import-position-8.2.0_", "tasklist-task-8.5.0_", "tasklist-process-instance-8.3.0_", "tasklist-task-variable-8.3.0_",
        "tasklist-draft-task-variable-8.3.0_", "tasklist-flownode-instance-8.3.0_", "tasklist-variable-8.3.0_",
        "tasklist-migration-steps-repository-1.1.0_", "tasklist-process-8.4.0_", "tasklist-form-8.4.0_", "tasklist-user-1.4.0_",
        "tasklist-metric-8.3.0_", "tasklist-web-session-1.1.0_",
    ];

    private static readonly string[] TasklistDated = ["tasklist-task-8.5.0_2024-01-15", "tasklist-task-variable-8.3.0_2024-01-15"];

    private static readonly string[] Unknown = ["operate-something-new-9.9.9_", "operate-odd", "operate-process-8.3.0_2024-01-15"];

    private static readonly string[] Foreign = ["tasklist-task-8.5.0_", "operateextra-list-view-8.3.0_", "zeebe-record-job-8.7.0_", ".security-7"];

    private static BackupPlan Plan(ComponentProfile profile, string prefix, params string[][] indices) =>
        BackupPlan.Create(Id, profile, prefix, "8.7.0", indices.SelectMany(i => i)).Value;

    private static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(ComponentProfile.Operate, "operate", new[] { Operate87, OperateDated, Unknown }).SetName("Operate 8.7 with dated copies and unknown indices");
        yield return new TestCaseData(ComponentProfile.Operate, "operate", new[] { Operate87 }).SetName("Operate 8.7 without dated copies");
        yield return new TestCaseData(ComponentProfile.Tasklist, "tasklist", new[] { Tasklist87, TasklistDated }).SetName("Tasklist 8.7 with dated copies");
        yield return new TestCaseData(ComponentProfile.Tasklist, "tasklist", new[] { Tasklist87 }).SetName("Tasklist 8.7 without dated copies");
    }

    [TestCaseSource(nameof(Layouts))]
    public void Every_index_under_the_prefix_is_in_exactly_one_part_and_nothing_else_is(ComponentProfile profile, string prefix, string[][] indices)
    {
        var plan = Plan(profile, prefix, [.. indices, Foreign]);

        var concrete = plan.Parts.SelectMany(p => p.Indices).Where(i => !i.Contains('*', StringComparison.Ordinal)).ToList();
        var expected = indices.SelectMany(i => i).Where(i => i.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        Assert.That(concrete, Is.Unique);
        Assert.That(concrete, Is.EquivalentTo(expected));
    }

    [TestCaseSource(nameof(Layouts))]
    public void There_are_always_six_parts_and_none_asks_for_an_empty_list(ComponentProfile profile, string prefix, string[][] indices)
    {
        var plan = Plan(profile, prefix, indices);

        Assert.That(plan.Parts.Select(p => p.Number), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(plan.Parts, Has.All.Matches<BackupPart>(p => p.Indices.Count > 0));
    }

    [Test]
    public void Parts_follow_the_originals_tiers()
    {
        var plan = Plan(ComponentProfile.Operate, "operate", Operate87, OperateDated, Unknown);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Parts[0].Indices, Is.EqualTo(new[] { "operate-import-position-8.3.0_" }));
            Assert.That(plan.Parts[1].Indices, Is.EqualTo(new[] { "operate-list-view-8.3.0_" }));
            Assert.That(plan.Parts[2].Indices, Is.EquivalentTo(new[] { "operate-list-view-8.3.0_2024-01-15", "operate-list-view-8.3.0_2024-01-16" }));
            Assert.That(plan.Parts[3].Indices, Has.Member("operate-user-task-8.5.0_").And.Member("operate-job-8.6.0_").And.Count.EqualTo(12));
            Assert.That(plan.Parts[4].Indices, Is.EquivalentTo(new[] { "operate-flownode-instance-8.3.1_2024-01-15", "operate-variable-8.3.0_2024-01-15", "operate-user-task-8.5.0_2024-01-15" }));
            Assert.That(plan.Parts[5].Indices, Has.Member("operate-user-1.2.0_").And.Member("operate-web-session-1.1.0_"));
        });
    }

    [Test]
    public void An_index_no_tier_names_goes_into_the_last_part()
    {
        var plan = Plan(ComponentProfile.Operate, "operate", Operate87, Unknown);

        Assert.That(plan.Parts[5].Indices, Is.SupersetOf(Unknown));
    }

    [Test]
    public void Tasklists_plain_tier_two_index_goes_with_the_tier_two_templates()
    {
        var plan = Plan(ComponentProfile.Tasklist, "tasklist", Tasklist87, TasklistDated);

        Assert.That(plan.Parts[1].Indices, Is.EquivalentTo(new[] { "tasklist-task-8.5.0_", "tasklist-process-instance-8.3.0_" }));
        Assert.That(plan.Parts[2].Indices, Is.EqualTo(new[] { "tasklist-task-8.5.0_2024-01-15" }));
        Assert.That(plan.Parts[4].Indices, Is.EqualTo(new[] { "tasklist-task-variable-8.3.0_2024-01-15" }));
    }

    [Test]
    public void A_part_with_no_index_asks_for_an_expression_that_matches_none()
    {
        var plan = Plan(ComponentProfile.Operate, "operate", Operate87);

        Assert.That(plan.Parts[2].Indices, Is.EqualTo(new[] { "operate-*", "-operate-*" }));
    }

    [Test]
    public void Missing_required_indices_are_named_and_no_plan_is_made()
    {
        var plan = BackupPlan.Create(Id, ComponentProfile.Operate, "operate", "8.7.0",
            Operate87.Where(i => !i.Contains("list-view", StringComparison.Ordinal) && !i.Contains("import-position", StringComparison.Ordinal)));

        Assert.That(plan.IsSuccess, Is.False);
        Assert.That(plan.Error!.Message, Does.StartWith("Missing indices: [operate-import-position-*_, operate-list-view-*_]"));
        Assert.That(plan.Error.Message, Does.Contain("Backup:IndexPrefix"));
    }

    [TestCase("8.4.0", true)]
    [TestCase("8.5.3", false)]
    [TestCase("8.7.0", false)]
    [TestCase("8.6.0-snapshot", false)]
    public void Indices_of_later_releases_are_required_only_from_their_release_on(string version, bool succeeds)
    {
        var before85 = Operate87.Where(i => !i.Contains("-job-", StringComparison.Ordinal) && !i.Contains("-message-", StringComparison.Ordinal) && !i.Contains("-user-task-", StringComparison.Ordinal));

        var plan = BackupPlan.Create(Id, ComponentProfile.Operate, "operate", version, before85);

        Assert.That(plan.IsSuccess, Is.EqualTo(succeeds));
    }

    [Test]
    public void Snapshot_names_carry_id_version_and_part()
    {
        var plan = Plan(ComponentProfile.Tasklist, "tasklist", Tasklist87);

        Assert.That(plan.SnapshotNames.Select(n => n.ToString()),
            Is.EqualTo(Enumerable.Range(1, 6).Select(n => $"camunda_tasklist_42_8.7.0_part_{n}_of_6")));
    }
}
