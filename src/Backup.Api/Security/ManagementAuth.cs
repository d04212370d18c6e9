using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Backup.Api.Contracts;
using Backup.Api.Operations;
using Backup.Api.WebConsole;

namespace Backup.Api.Security;

/// <summary>
/// Lets a request through when it carries a configured API key (<c>Authorization: ApiKey &lt;key&gt;</c> or
/// <c>X-API-Key</c>) or basic-auth user whose rights cover its method: reads need <see cref="AccessRights.Read"/>,
/// anything else <see cref="AccessRights.Write"/>. Secrets are compared in constant time, by their hashes, so that
/// neither their content nor their length shows in the answer time. A client that failed
/// <see cref="FailuresPerMinute"/> times is answered 429 until its minute is over, and failures are logged (at most
/// <see cref="WarningsPerMinute"/> lines a minute, never with what was presented).
/// </summary>
public sealed partial class ManagementAuth(RequestDelegate next, ManagementAuthOptions options, ILogger<ManagementAuth> logger) : IDisposable
{
    private static readonly string[] KnownSchemes = ["ApiKey", "Basic", "Bearer"];

    public const int FailuresPerMinute = 20;

    public const int WarningsPerMinute = 10;

    private readonly PartitionedRateLimiter<HttpContext> _failures = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(ClientOf(context), _ => PerMinute(FailuresPerMinute)));

    private readonly FixedWindowRateLimiter _warnings = new(PerMinute(WarningsPerMinute));

    private int _unloggedFailures;

    private readonly (byte[] Key, AccessRights Rights)[] _keys =
        [.. options.ApiKeys.Select(k => (Hash(k.Key), k.Rights))];

    private readonly (byte[] Credentials, AccessRights Rights)[] _users =
        [.. options.Users.Select(u => (Hash($"{u.Username}:{u.Password}"), u.Rights))];

    public Task InvokeAsync(HttpContext context)
    {
        if (ActuatorHealth.AnonymousProbes.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase)
            || ConsoleAssets.IsAsset(context.Request.Path))
        {
            return next(context);
        }

        using (var allowed = _failures.AttemptAcquire(context, 0))
        {
            if (!allowed.IsAcquired)
            {
                return TooManyFailures(context, allowed);
            }
        }

        var rights = RightsOf(context.Request);
        if (rights is null)
        {
            using (_failures.AttemptAcquire(context, 1))
            {
                ReportFailure(context);
            }

            context.Response.Headers.WWWAuthenticate = "Basic realm=\"backup\", ApiKey";
            return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized,
                "Authentication required: send a configured API key (Authorization: ApiKey <key>) or basic-auth user.");
        }

        var needed = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? AccessRights.Read
            : AccessRights.Write;
        context.Features.Set(new GrantedRights(rights.Value));
        return rights >= needed
            ? next(context)
            : Problems.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"These credentials may only read backups; {context.Request.Method} needs a key or user with Write rights.");
    }

    public void Dispose()
    {
        _failures.Dispose();
        _warnings.Dispose();
    }

    private static Task TooManyFailures(HttpContext context, RateLimitLease refused)
    {
        var wait = refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            $"Too many failed authentications from this client: try again in {Math.Ceiling(wait.TotalSeconds)} s, with a configured API key or user.");
    }

    private void ReportFailure(HttpContext context)
    {
        using var line = _warnings.AttemptAcquire();
        if (!line.IsAcquired)
        {
            Interlocked.Increment(ref _unloggedFailures);
            return;
        }

        var scheme = context.Request.Headers["X-API-Key"].Count > 0 ? "X-API-Key"
            : AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header) ? SchemeName(header.Scheme)
            : "no credentials";
        LogFailure(logger, ClientOf(context), scheme, Interlocked.Exchange(ref _unloggedFailures, 0));
    }

    /// <summary>The scheme as one of the known words: what the client sent is never logged as it was written.</summary>
    private static string SchemeName(string scheme) =>
        KnownSchemes.FirstOrDefault(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase)) ?? "another scheme";

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed authentication on the management API from {Client} ({Scheme}); {Unlogged} earlier failures were not logged")]
    private static partial void LogFailure(ILogger logger, string client, string scheme, int unlogged);

    private AccessRights? RightsOf(HttpRequest request)
    {
        if (request.Headers["X-API-Key"] is [{ } headerKey])
        {
            return Match(_keys, Hash(headerKey));
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null)
        {
            return null;
        }

        if (header.Scheme.Equals("ApiKey", StringComparison.OrdinalIgnoreCase))
        {
            return Match(_keys, Hash(header.Parameter));
        }

        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Match(_users, Hash(Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter))));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Compares against every entry, without stopping at the first match.</summary>
    private static AccessRights? Match((byte[] Secret, AccessRights Rights)[] known, byte[] presented)
    {
        AccessRights? best = null;
        foreach (var (secret, rights) in known)
        {
            if (CryptographicOperations.FixedTimeEquals(secret, presented) && (best is null || rights > best))
            {
                best = rights;
            }
        }

        return best;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
