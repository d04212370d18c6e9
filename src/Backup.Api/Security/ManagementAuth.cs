using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Backup.Api.Contracts;
using Backup.Api.Operations;

namespace Backup.Api.Security;

/// <summary>
/// Lets a request through when it carries a configured API key (<c>Authorization: ApiKey &lt;key&gt;</c> or
/// <c>X-API-Key</c>) or basic-auth user whose rights cover its method: reads need <see cref="AccessRights.Read"/>,
/// anything else <see cref="AccessRights.Write"/>. Secrets are compared in constant time, by their hashes, so that
/// neither their content nor their length shows in the answer time.
/// </summary>
public sealed class ManagementAuth(RequestDelegate next, ManagementAuthOptions options)
{
    private readonly (byte[] Key, AccessRights Rights)[] _keys =
        [.. options.ApiKeys.Select(k => (Hash(k.Key), k.Rights))];

    private readonly (byte[] Credentials, AccessRights Rights)[] _users =
        [.. options.Users.Select(u => (Hash($"{u.Username}:{u.Password}"), u.Rights))];

    public Task InvokeAsync(HttpContext context)
    {
        if (ActuatorHealth.AnonymousProbes.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var rights = RightsOf(context.Request);
        if (rights is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"backup\", ApiKey";
            return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized,
                "Authentication required: send a configured API key (Authorization: ApiKey <key>) or basic-auth user.");
        }

        var needed = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? AccessRights.Read
            : AccessRights.Write;
        return rights >= needed
            ? next(context)
            : Problems.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"These credentials may only read backups; {context.Request.Method} needs a key or user with Write rights.");
    }

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
