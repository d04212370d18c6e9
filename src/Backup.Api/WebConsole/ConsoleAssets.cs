using System.Collections.Frozen;
using System.Text;
using Backup.Api.Security;

namespace Backup.Api.WebConsole;

/// <summary>
/// The console's page, script and style sheet, embedded in the service (no CDN: it works without internet). They hold no
/// data, so they are served without credentials: the page asks for a key or user and sends it with every API call
/// itself. Its policy lets it load only these files and talk only to this service.
/// </summary>
public static class ConsoleAssets
{
    public const string Path = "/actuator/console";

    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Files = new Dictionary<string, (string, string)>
    {
        [Path] = ("index.html", "text/html; charset=utf-8"),
        [Path + "/console.js"] = ("console.js", "text/javascript; charset=utf-8"),
        [Path + "/console.css"] = ("console.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the path is one of the console's files, which <see cref="ManagementAuth"/> lets through.</summary>
    public static bool IsAsset(PathString path) => path.Value is { } value && Files.ContainsKey(value);

    /// <summary>
    /// The page says whether credentials are required (as any 401 would), so that it asks for them before calling the
    /// API: an unauthenticated call would count as a failed authentication towards the client's limit.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var authRequired = endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(ManagementAuthOptions.Section).Exists();
        foreach (var (path, (resource, contentType)) in Files)
        {
            var content = Read(resource);
            if (resource == "index.html" && authRequired)
            {
                content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("data-auth=\"off\"", "data-auth=\"required\"", StringComparison.Ordinal));
            }

            endpoints.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = Policy;
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(content, contentType);
            }).ExcludeFromDescription();
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("console/" + resource)
            ?? throw new InvalidOperationException($"The console's {resource} is not embedded in the service.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
