using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>How the engine is reached: its address, credentials, and the CA its certificate is checked against.</summary>
internal static class EngineConnection
{
    /// <summary>However many requests are waiting, the engine sees at most this many connections from one process.</summary>
    public const int MaxConnections = 8;

    public static void Configure(HttpClient http, DatabaseOptions database)
    {
        http.BaseAddress = new Uri(database.Url.ToString().TrimEnd('/') + "/");
        http.Timeout = Timeout.InfiniteTimeSpan;
        if (!string.IsNullOrEmpty(database.ApiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", database.ApiKey);
        }
        else if (!string.IsNullOrEmpty(database.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{database.Username}:{database.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    public static SocketsHttpHandler Handler(DatabaseOptions database)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = MaxConnections,
        };
        if (database.CaCertificatePath is { Length: > 0 } path)
        {
            var authority = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && IsSignedBy(authority, certificate, errors));
        }

        return handler;
    }

    /// <summary>Accepts a certificate whose chain ends at the configured CA, with no other fault than that CA being private.</summary>
    private static bool IsSignedBy(X509Certificate2 authority, X509Certificate certificate, SslPolicyErrors errors)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}
