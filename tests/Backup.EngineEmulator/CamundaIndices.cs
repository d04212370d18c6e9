namespace Backup.EngineEmulator;

/// <summary>Operate and Tasklist 8.7 index names (../shared/spec/original-behaviour.md), for seeding an engine.</summary>
public static class CamundaIndices
{
    private static readonly string[] OperateIndices =
    [
        "import-position-8.3.0_", "list-view-8.3.0_", "batch-operation-1.0.0_", "decision-instance-8.3.0_", "event-8.3.0_",
        "flownode-instance-8.3.1_", "incident-8.3.1_", "job-8.6.0_", "message-8.5.0_", "operation-8.4.1_",
        "post-importer-queue-8.3.0_", "sequence-flow-8.3.0_", "user-task-8.5.0_", "variable-8.3.0_", "decision-8.3.0_",
        "decision-requirements-8.3.0_", "metric-8.3.0_", "migration-steps-repository-1.1.0_", "process-8.3.0_", "user-1.2.0_",
        "web-session-1.1.0_",
    ];

    private static readonly string[] OperateTemplates =
    [
        "list-view-8.3.0_", "batch-operation-1.0.0_", "decision-instance-8.3.0_", "event-8.3.0_", "flownode-instance-8.3.1_",
        "incident-8.3.1_", "job-8.6.0_", "message-8.5.0_", "operation-8.4.1_", "post-importer-queue-8.3.0_", "sequence-flow-8.3.0_",
        "user-task-8.5.0_", "variable-8.3.0_",
    ];

    private static readonly string[] TasklistIndices =
    [
        "import-position-8.2.0_", "task-8.5.0_", "process-instance-8.3.0_", "task-variable-8.3.0_", "draft-task-variable-8.3.0_",
        "flownode-instance-8.3.0_", "variable-8.3.0_", "migration-steps-repository-1.1.0_", "process-8.4.0_", "form-8.4.0_",
        "user-1.4.0_", "metric-8.3.0_", "web-session-1.1.0_",
    ];

    private static readonly string[] TasklistTemplates = ["task-8.5.0_", "task-variable-8.3.0_", "draft-task-variable-8.3.0_"];

    public static IReadOnlyList<string> Operate(string prefix = "operate") => [.. OperateIndices.Select(i => $"{prefix}-{i}")];

    public static IReadOnlyList<string> Tasklist(string prefix = "tasklist") => [.. TasklistIndices.Select(i => $"{prefix}-{i}")];

    /// <summary>Dated (archived) copies of the component's template indices, e.g. <c>operate-list-view-8.3.0_2024-01-15</c>.</summary>
    public static IReadOnlyList<string> DatedCopies(string prefix, string component, string date) =>
        [.. (component == "tasklist" ? TasklistTemplates : OperateTemplates).Select(t => $"{prefix}-{t}{date}")];
}
