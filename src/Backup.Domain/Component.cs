namespace Backup.Domain;

/// <summary>The Camunda web application whose data a backup holds.</summary>
public enum Component
{
    Operate,
    Tasklist,
}

public static class ComponentNames
{
    /// <summary>The lower-case name used in snapshot names, index prefixes and configuration.</summary>
    public static string Name(this Component component) => component switch
    {
        Component.Operate => "operate",
        Component.Tasklist => "tasklist",
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };
}
