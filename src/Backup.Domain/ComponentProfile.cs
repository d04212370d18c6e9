namespace Backup.Domain;

/// <summary>Whether an index is a template's main index (which has dated copies) or a plain index.</summary>
public enum IndexKind
{
    Index,
    Template,
}

/// <summary>One index family of a component, by name without prefix or schema version.</summary>
/// <param name="Tier">1 to 4: the order in which the original backed indices up.</param>
/// <param name="Since">The Camunda release that introduced the index; before it the index is not required.</param>
public sealed record IndexDescriptor(string Name, int Tier, IndexKind Kind, Version? Since = null);

/// <summary>The indices of one component and the tier each belongs to (Camunda 8.7 layout).</summary>
public sealed class ComponentProfile
{
    private readonly Dictionary<string, IndexDescriptor> _byName;

    private ComponentProfile(Component component, IReadOnlyList<IndexDescriptor> indices)
    {
        Component = component;
        Indices = indices;
        _byName = indices.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    public Component Component { get; }

    public IReadOnlyList<IndexDescriptor> Indices { get; }

    public static ComponentProfile Operate { get; } = new(Component.Operate,
    [
        new("import-position", 1, IndexKind.Index),
        new("list-view", 2, IndexKind.Template),
        new("batch-operation", 3, IndexKind.Template),
        new("decision-instance", 3, IndexKind.Template),
        new("event", 3, IndexKind.Template),
        new("flownode-instance", 3, IndexKind.Template),
        new("incident", 3, IndexKind.Template),
        new("job", 3, IndexKind.Template, new Version(8, 6)),
        new("message", 3, IndexKind.Template, new Version(8, 5)),
        new("operation", 3, IndexKind.Template),
        new("post-importer-queue", 3, IndexKind.Template),
        new("sequence-flow", 3, IndexKind.Template),
        new("user-task", 3, IndexKind.Template, new Version(8, 5)),
        new("variable", 3, IndexKind.Template),
        new("decision", 4, IndexKind.Index),
        new("decision-requirements", 4, IndexKind.Index),
        new("metric", 4, IndexKind.Index),
        new("migration-steps-repository", 4, IndexKind.Index),
        new("process", 4, IndexKind.Index),
        new("user", 4, IndexKind.Index),
        new("web-session", 4, IndexKind.Index),
    ]);

    public static ComponentProfile Tasklist { get; } = new(Component.Tasklist,
    [
        new("import-position", 1, IndexKind.Index),
        new("task", 2, IndexKind.Template),
        new("process-instance", 2, IndexKind.Index),
        new("task-variable", 3, IndexKind.Template),
        new("draft-task-variable", 3, IndexKind.Template),
        new("flownode-instance", 3, IndexKind.Index),
        new("variable", 3, IndexKind.Index),
        new("migration-steps-repository", 4, IndexKind.Index),
        new("process", 4, IndexKind.Index),
        new("form", 4, IndexKind.Index),
        new("user", 4, IndexKind.Index),
        new("metric", 4, IndexKind.Index),
        new("web-session", 4, IndexKind.Index),
    ]);

    public static ComponentProfile For(Component component) => component switch
    {
        Component.Operate => Operate,
        Component.Tasklist => Tasklist,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };

    public IndexDescriptor? Find(string name) => _byName.GetValueOrDefault(name);
}
