namespace Backup.Api.Observability;

/// <summary>
/// What a client sent is never written to the log as it was sent: a path with an encoded line break (<c>%0D%0A</c>)
/// would forge log lines. The framework's categories that log request paths and headers are held at Warning, which
/// they never log at, whatever the configured levels; the service's own messages name no request text.
/// </summary>
public static class RequestLogging
{
    private static readonly string[] RequestTextCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.HostFiltering",
    ];

    public static void KeepRequestTextOut(ILoggingBuilder logging)
    {
        foreach (var category in RequestTextCategories)
        {
            logging.AddFilter(category, level => level >= LogLevel.Warning);
        }
    }
}
