using Backup.Api.Contracts;

namespace Backup.Api.Security;

/// <summary>
/// Refuses a write (any method but GET and HEAD) that a browser sends on behalf of another site: a page elsewhere must
/// not create or delete backups through a user's browser, whatever credentials the browser holds or when the port is
/// open. Browsers name the page's origin in <c>Origin</c> and <c>Sec-Fetch-Site</c> on such requests; scripts send
/// neither and are not concerned. With <see cref="BrowserHostCheck"/> before it, the page's own origin is this service.
/// </summary>
public sealed class CrossSiteWrites(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || IsSameOrigin(request))
        {
            return next(context);
        }

        return Problems.WriteAsync(context, StatusCodes.Status403Forbidden,
            $"A {request.Method} sent by a browser from another site was refused: backups are created and deleted only from "
            + "this service's own console, or by scripts and tools.");
    }

    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0 && !(site is ["same-origin"] or ["none"]))
        {
            return false;
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        // The scheme is not compared: behind a proxy that ends TLS the service sees http for the page's https.
        return origin is [{ } value] && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && new HostString(uri.Authority).Equals(request.Host);
    }
}
