namespace Backup.Domain.Platform;

/// <summary>A part of a Camunda 8 deployment that takes its own backup under the platform backup's id.</summary>
public enum PlatformComponent
{
    /// <summary>The Zeebe brokers, through the gateway's (8.8: the unified app's) management port; also pauses exporting.</summary>
    Zeebe,
    Operate,
    Tasklist,

    /// <summary>Camunda 8.8's unified app's webapps backup (<c>actuator/backupHistory</c>).</summary>
    Webapps,
    Optimize,
}

/// <summary>The Camunda version line, which decides the endpoints and the order of a platform backup.</summary>
public enum PlatformLine
{
    /// <summary>8.6 and 8.7: webapps first, then soft pause, records snapshot, Zeebe, resume.</summary>
    V87,

    /// <summary>8.8: soft pause first, then webapps and Optimize, records snapshot, Zeebe, resume.</summary>
    V88,
}

public static class PlatformNames
{
    public static string Name(this PlatformComponent component) => component.ToString().ToLowerInvariant();

    public static string Name(this PlatformLine line) => line == PlatformLine.V88 ? "8.8" : "8.7";

    public static bool TryParseLine(string? text, out PlatformLine line)
    {
        line = text == "8.8" ? PlatformLine.V88 : PlatformLine.V87;
        return text is "8.6" or "8.7" or "8.8";
    }

    public static bool TryParseComponent(string? text, out PlatformComponent component) =>
        Enum.TryParse(text, ignoreCase: true, out component) && Enum.IsDefined(component);

    /// <summary>The manual <c>zeebe-record*</c> snapshot every version's procedure takes before the Zeebe backup.</summary>
    public static string RecordsSnapshot(BackupId id) => $"camunda_zeebe_records_backup_{id}";
}
