namespace Backup.Api.Routing;

/// <summary>
/// Doubled slashes reach the same endpoint: the Camunda 8.7 docs end their base URLs with <c>/</c>, so their scripts
/// call <c>//actuator/backups</c> (routing already ignores a trailing slash). Only literal slashes are touched; an
/// encoded one (<c>%2F</c>) stays part of its segment and is refused there.
/// </summary>
public static class SlashTolerance
{
    public static IApplicationBuilder UseSlashTolerance(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Request.Path = Normalise(context.Request.Path);
        return next(context);
    });

    public static PathString Normalise(PathString path)
    {
        var value = path.Value;
        if (value is null || !value.Contains("//", StringComparison.Ordinal))
        {
            return path;
        }

        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new PathString("/" + string.Join('/', segments) + (value.EndsWith('/') && segments.Length > 0 ? "/" : ""));
    }
}
