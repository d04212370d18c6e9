using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Backup.Api.Observability;

namespace Backup.Api.Security;

/// <summary>
/// Security headers on every answer of the management port. The JSON answers may load nothing; the API page may load
/// only the service's own assets, and run only the inline scripts it was served with (allowed by their hashes).
/// </summary>
public sealed partial class SecurityHeaders(RequestDelegate next)
{
    private const string Common = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    public const string ForAnswers = "default-src 'none'; " + Common;

    // Styles are inserted by the page's script at run time, so they cannot be listed by hash.
    private const string ForPages = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; " + Common;

    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        context.Response.OnStarting(() =>
        {
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (headers.ContentSecurityPolicy.Count == 0)
            {
                headers.ContentSecurityPolicy = ForAnswers;
            }

            return Task.CompletedTask;
        });

        if (!IsPage(context.Request.Path))
        {
            await next(context);
            return;
        }

        var body = context.Response.Body;
        using var page = new MemoryStream();
        context.Response.Body = page;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            headers.ContentSecurityPolicy = PagePolicy(Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length));
        }

        page.Position = 0;
        await page.CopyToAsync(body, context.RequestAborted);
    }

    private static bool IsPage(PathString path) =>
        path.Value?.TrimEnd('/').Equals(ApiDocument.PagePath, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The page's policy: its own assets, and exactly the inline scripts it holds.</summary>
    public static string PagePolicy(string html)
    {
        var hashes = InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["code"].Value)))}'");
        return $"script-src 'self' {string.Join(' ', hashes)}; " + ForPages;
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(?<code>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScript();
}
