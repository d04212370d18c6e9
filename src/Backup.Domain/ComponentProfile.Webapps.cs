namespace Backup.Domain;

public sealed partial class ComponentProfile
{
    /// <summary>
    /// Camunda 8.8's unified backup: Operate's and Tasklist's indices and the identity indices, named by family
    /// (<c>operate-list-view</c>), in the tiers of the original's <c>BackupPriorities</c>. Every main index is required;
    /// dated copies are taken when they exist.
    /// </summary>
    public static ComponentProfile Webapps { get; } = new(Component.Webapps, "", ["operate", "tasklist", "camunda"], PartLayout.Camunda88,
    [
        new("operate-import-position", 1, IndexKind.Index),
        new("tasklist-import-position", 1, IndexKind.Index),
        new("operate-list-view", 2, IndexKind.Template),
        new("tasklist-task", 2, IndexKind.Template),
        new("operate-batch-operation", 3, IndexKind.Template),
        new("operate-operation", 3, IndexKind.Template),
        new("operate-decision", 4, IndexKind.Index),
        new("operate-decision-instance", 4, IndexKind.Template),
        new("operate-event", 4, IndexKind.Template),
        new("operate-flownode-instance", 4, IndexKind.Template),
        new("operate-incident", 4, IndexKind.Template),
        new("operate-job", 4, IndexKind.Template),
        new("operate-message", 4, IndexKind.Template),
        new("operate-post-importer-queue", 4, IndexKind.Template),
        new("operate-sequence-flow", 4, IndexKind.Template),
        new("operate-variable", 4, IndexKind.Template),
        new("tasklist-draft-task-variable", 4, IndexKind.Template),
        new("tasklist-task-variable", 4, IndexKind.Template),
        new("operate-decision-requirements", 5, IndexKind.Index),
        new("operate-metric", 5, IndexKind.Index),
        new("operate-process", 5, IndexKind.Index),
        new("operate-user", 5, IndexKind.Index),
        new("tasklist-form", 5, IndexKind.Index),
        new("tasklist-metric", 5, IndexKind.Index),
        new("camunda-authorization", 5, IndexKind.Index),
        new("camunda-group", 5, IndexKind.Index),
        new("camunda-mapping-rule", 5, IndexKind.Index),
        new("camunda-role", 5, IndexKind.Index),
        new("camunda-tenant", 5, IndexKind.Index),
        new("camunda-user", 5, IndexKind.Index),
        new("camunda-web-session", 5, IndexKind.Index),
        new("camunda-usage-metric", 5, IndexKind.Template),
        new("camunda-usage-metric-tu", 5, IndexKind.Template),
    ]);
}
