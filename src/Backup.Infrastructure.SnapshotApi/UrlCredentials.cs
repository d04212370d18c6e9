namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// Credentials written into a URL (<c>http://user:password@host</c>): the service and the tool refuse them, and every
/// URL they show (answers, health, logs, the tool's messages) goes through <see cref="Hide"/> first.
/// </summary>
public static class UrlCredentials
{
    public static bool AreIn(Uri url) => Hide(url) != url.OriginalString;

    /// <summary>The URL as written, with whatever stands before an <c>@</c> in its authority replaced by <c>***</c>.</summary>
    public static string Hide(Uri url)
    {
        var text = url.OriginalString;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var end = text.IndexOfAny(['/', '?', '#'], start);
        var at = text.LastIndexOf('@', end < 0 ? text.Length - 1 : end - 1);
        return at < start ? text : text[..start] + "***" + text[at..];
    }
}
