namespace Backup.EngineEmulator;

/// <summary>
/// Camunda 8.8's index set (Operate's, Tasklist's and the identity indices, ../shared/spec/platform-backup.md section 8),
/// for seeding an engine: a fresh system has no dated copies yet, an aged one has them.
/// </summary>
public static class CamundaIndices88
{
    private static readonly string[] MainIndices =
    [
        "operate-import-position-8.3.0_", "tasklist-import-position-8.2.0_", "operate-list-view-8.3.0_", "tasklist-task-8.8.0_",
        "operate-batch-operation-1.0.0_", "operate-operation-8.4.1_", "operate-decision-8.3.0_", "operate-decision-instance-8.3.0_",
        "operate-event-8.3.0_", "operate-flownode-instance-8.3.1_", "operate-incident-8.3.1_", "operate-job-8.6.0_",
        "operate-message-8.5.0_", "operate-post-importer-queue-8.3.0_", "operate-sequence-flow-8.3.0_", "operate-variable-8.3.0_",
        "tasklist-draft-task-variable-8.3.0_", "tasklist-task-variable-8.3.0_", "operate-decision-requirements-8.3.0_",
        "operate-metric-8.3.0_", "operate-process-8.3.0_", "operate-user-1.2.0_", "tasklist-form-8.4.0_", "tasklist-metric-8.3.0_",
        "camunda-authorization-8.8.0_", "camunda-group-8.8.0_", "camunda-mapping-rule-8.8.0_", "camunda-role-8.8.0_",
        "camunda-tenant-8.8.0_", "camunda-user-8.8.0_", "camunda-web-session-8.8.0_", "camunda-usage-metric-8.8.0_",
        "camunda-usage-metric-tu-8.8.0_",
    ];

    /// <summary>The templates whose archiver makes dated copies: list views and tasks (part 3 of 7), the rest (part 6).</summary>
    private static readonly string[] ListViewTemplates = ["operate-list-view-8.3.0_", "tasklist-task-8.8.0_"];

    private static readonly string[] OtherTemplates =
    [
        "operate-flownode-instance-8.3.1_", "operate-variable-8.3.0_", "operate-operation-8.4.1_", "tasklist-task-variable-8.3.0_",
    ];

    /// <summary>A fresh 8.8 system's indices: no dated copy, so a backup of them has five parts.</summary>
    public static IReadOnlyList<string> Fresh(string prefix = "") => [.. MainIndices.Select(i => Prefixed(prefix, i))];

    /// <summary>Dated copies of the list view and task templates only: with them a backup has six parts.</summary>
    public static IReadOnlyList<string> DatedListViews(string date, string prefix = "") =>
        [.. ListViewTemplates.Select(t => Prefixed(prefix, t + date))];

    /// <summary>An aged 8.8 system's indices: dated copies of every archived template, so a backup has seven parts.</summary>
    public static IReadOnlyList<string> Aged(string date, string prefix = "") =>
        [.. Fresh(prefix), .. DatedListViews(date, prefix), .. OtherTemplates.Select(t => Prefixed(prefix, t + date))];

    private static string Prefixed(string prefix, string index) => prefix.Length == 0 ? index : $"{prefix}-{index}";
}
