using System.Net;
using Backup.Api.Contracts;
using Microsoft.Extensions.Primitives;

namespace Backup.Api.Security;

/// <summary>
/// Refuses DNS rebinding: a web page whose name was re-pointed at this service sends the browser's requests with the
/// page's own name as <c>Host</c>. A request from a browser (it carries <c>Origin</c> or <c>Sec-Fetch-*</c>) is let
/// through only when its <c>Host</c> is loopback or one of <c>AllowedHosts</c>; scripts and cron jobs send neither
/// header and keep reaching the service by any name (a Kubernetes service name, say).
/// </summary>
public sealed class BrowserHostCheck(RequestDelegate next, IConfiguration configuration)
{
    /// <summary>Names separated by ';', as ASP.NET Core's own <c>AllowedHosts</c>; <c>*</c> alone is ignored here.</summary>
    private readonly StringSegment[] _allowed =
        [.. (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(h => h != "*").Select(h => new StringSegment(h))];

    public Task InvokeAsync(HttpContext context)
    {
        if (!IsFromBrowser(context.Request) || IsLoopback(context.Request.Host) || HostString.MatchesAny(context.Request.Host.Host, _allowed))
        {
            return next(context);
        }

        return Problems.WriteAsync(context, StatusCodes.Status403Forbidden,
            "A browser request for a host name this service does not know was refused (DNS rebinding protection). "
            + "Open the service as localhost, or add its name to AllowedHosts (names separated by ';').");
    }

    private static bool IsFromBrowser(HttpRequest request) =>
        request.Headers.Origin.Count > 0 || request.Headers.Keys.Any(k => k.StartsWith("Sec-Fetch-", StringComparison.OrdinalIgnoreCase));

    private static bool IsLoopback(HostString host) =>
        host.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Host, out var address) && IPAddress.IsLoopback(address));
}
