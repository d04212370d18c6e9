namespace Backup.Domain;

/// <summary>Whether an index is a template's main index (which has dated copies) or a plain index.</summary>
public enum IndexKind
{
    Index,
    Template,
}

/// <summary>One index family of a component, by name without prefix or schema version.</summary>
/// <param name="Tier">1 to 5: the order in which the original backed indices up.</param>
/// <param name="Since">The Camunda release that introduced the index; before it the index is not required.</param>
public sealed record IndexDescriptor(string Name, int Tier, IndexKind Kind, Version? Since = null);

/// <summary>
/// The indices of one component, the tier each belongs to and how tiers become parts: Operate and Tasklist as
/// Camunda 8.7 backs them up, each on its own; <see cref="Webapps"/> as 8.8 backs both up together.
/// </summary>
public sealed partial class ComponentProfile
{
    private readonly Dictionary<string, IndexDescriptor> _byName;

    private ComponentProfile(
        Component component, string defaultIndexPrefix, IReadOnlyList<string> families, PartLayout layout, IReadOnlyList<IndexDescriptor> indices)
    {
        Component = component;
        DefaultIndexPrefix = defaultIndexPrefix;
        Families = families;
        Layout = layout;
        Indices = indices;
        _byName = indices.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    public Component Component { get; }

    /// <summary>The index prefix when <c>Backup:IndexPrefix</c> is not set: 8.7 names the component, 8.8 has none.</summary>
    public string DefaultIndexPrefix { get; }

    /// <summary>
    /// The name families under the index prefix that belong to the component: 8.7's everything under its own prefix
    /// (one empty family), 8.8's <c>operate-</c>, <c>tasklist-</c> and <c>camunda-</c>.
    /// </summary>
    public IReadOnlyList<string> Families { get; }

    public PartLayout Layout { get; }

    public IReadOnlyList<IndexDescriptor> Indices { get; }

    /// <summary>The release written into snapshot names when <c>Backup:Version</c> is not set.</summary>
    public string DefaultVersion => Component == Component.Webapps ? "8.8.0" : "8.7.0";

    /// <summary>
    /// The components whose backups the list shows: the component's own, and for 8.8 also the 8.7 Operate and
    /// Tasklist backups it was upgraded from, so that they stay in sight until they are deleted.
    /// </summary>
    public IReadOnlyList<Component> ListedComponents =>
        Component == Component.Webapps ? [Component.Webapps, Component.Operate, Component.Tasklist] : [Component];

    /// <summary>Whether answers name each backup's component, as they must when the list holds more than one.</summary>
    public bool NamesComponents => ListedComponents.Count > 1;

    /// <summary>The smallest backup id the component's API takes: 8.7 took 0 (it refused only negative ids), 8.8 refuses it.</summary>
    public long MinimumBackupId => Component == Component.Webapps ? 1 : 0;

    /// <summary>How the API answers when no repository is configured: 8.7 said 404, 8.8 says 400.</summary>
    public ErrorKind RepositoryNotConfiguredKind => Component == Component.Webapps ? ErrorKind.Invalid : ErrorKind.NotFound;

    /// <summary>
    /// Where the component's index names start, e.g. <c>operate-</c> for 8.7's Operate, or <c>operate-</c>,
    /// <c>tasklist-</c> and <c>camunda-</c> for 8.8 (<c>custom-operate-</c>, ... under the prefix <c>custom</c>).
    /// </summary>
    public IReadOnlyList<string> IndexRoots(string indexPrefix) =>
        [.. Families.Select(family => Join(indexPrefix) + Join(family))];

    /// <summary>The engine patterns that match every index of the component, one per root.</summary>
    public IReadOnlyList<string> IndexPatterns(string indexPrefix) => [.. IndexRoots(indexPrefix).Select(root => root + "*")];

    public bool Owns(string indexPrefix, string index) =>
        IndexRoots(indexPrefix).Any(root => index.StartsWith(root, StringComparison.Ordinal));

    private static string Join(string segment) => segment.Length == 0 ? "" : segment + "-";

    public static ComponentProfile Operate { get; } = new(Component.Operate, "operate", [""], PartLayout.Camunda87,
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

    public static ComponentProfile Tasklist { get; } = new(Component.Tasklist, "tasklist", [""], PartLayout.Camunda87,
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
        Component.Webapps => Webapps,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };

    public IndexDescriptor? Find(string name) => _byName.GetValueOrDefault(name);
}
