namespace Backup.Domain;

/// <summary>The Camunda web application whose data a backup holds.</summary>
public enum Component
{
    Operate,
    Tasklist,

    /// <summary>Camunda 8.8's one backup of Operate's, Tasklist's and the identity (<c>camunda-*</c>) indices.</summary>
    Webapps,
}

public static class ComponentNames
{
    /// <summary>The lower-case name used in snapshot names, index prefixes and configuration.</summary>
    public static string Name(this Component component) => component switch
    {
        Component.Operate => "operate",
        Component.Tasklist => "tasklist",
        Component.Webapps => "webapps",
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };
}
