using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>The service reaches engines that want credentials, and engines behind HTTPS with a private CA.</summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class EngineAccessTests(EngineFlavor flavor)
{
    private const Component Operate = Component.Operate;

    [Test]
    public async Task Basic_authentication_gets_in_and_wrong_credentials_are_named()
    {
        await using var engine = await EngineTarget.StartAsync(flavor);
        var emulator = engine.Emulator ?? throw new IgnoreException("The emulator's auth switch is what this test flips.");
        emulator.Faults.RequireBasicAuth = ("backup_user", "s3cret");

        await using var good = ServiceHost.Start(engine, Operate, s => (s["Database:Username"], s["Database:Password"]) = ("backup_user", "s3cret"));
        await using var bad = ServiceHost.Start(engine, Operate, s => (s["Database:Username"], s["Database:Password"]) = ("backup_user", "wrong"));
        using var allowed = await good.ListAsync();
        using var refused = await bad.ListAsync();

        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await BackupApi.AssertProblemAsync(refused, HttpStatusCode.InternalServerError, "Check Database:Username and Database:Password");
        Assert.That(emulator.Requests.Where(r => r.Headers.ContainsKey("Authorization")).Select(r => r.Headers["Authorization"]), Has.All.StartsWith("Basic "));
    }

    [Test]
    public async Task An_api_key_is_sent_as_the_engine_expects_it()
    {
        await using var engine = await EngineTarget.StartAsync(flavor);
        var emulator = engine.Emulator ?? throw new IgnoreException("The emulator's auth switch is what this test flips.");
        emulator.Faults.RequireApiKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

        await using var api = ServiceHost.Start(engine, Operate, s => s["Database:ApiKey"] = emulator.Faults.RequireApiKey);
        using var listed = await api.ListAsync();

        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await listed.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_engine_behind_https_with_a_private_ca_is_reached_once_the_ca_is_configured()
    {
        var (authority, server) = PrivateAuthority();
        var caFile = Path.Combine(Path.GetTempPath(), $"backup-e2e-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, authority.ExportCertificatePem());
        try
        {
            await using var emulator = await EngineEmulator.EngineEmulator.StartAsync(flavor, certificate: server);
            emulator.CreateRepository("camunda_backup");
            await using var engine = await EngineTarget.StartAsync(flavor);
            await using var trusting = ServiceHost.Start(emulator.Url, engine, Operate, s => s["Database:CaCertificatePath"] = caFile);
            await using var untrusting = ServiceHost.Start(emulator.Url, engine, Operate);

            using var trusted = await trusting.ListAsync();
            using var untrusted = await untrusting.ListAsync();

            Assert.That(emulator.Url.Scheme, Is.EqualTo("https"));
            Assert.That(trusted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await trusted.Content.ReadAsStringAsync());
            await BackupApi.AssertProblemAsync(untrusted, HttpStatusCode.BadGateway, "could not be reached");
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Test]
    public async Task Https_against_a_plain_http_engine_and_the_reverse_say_so()
    {
        var (_, server) = PrivateAuthority();
        await using var tlsEmulator = await EngineEmulator.EngineEmulator.StartAsync(flavor, certificate: server);
        await using var engine = await EngineTarget.StartAsync(flavor);
        await using var httpsToPlain = ServiceHost.Start(new UriBuilder(engine.Url) { Scheme = "https" }.Uri, engine, Operate);
        await using var plainToHttps = ServiceHost.Start(new UriBuilder(tlsEmulator.Url) { Scheme = "http" }.Uri, engine, Operate);

        using var httpsAnswer = await httpsToPlain.ListAsync();
        using var plainAnswer = await plainToHttps.ListAsync();

        await BackupApi.AssertProblemAsync(httpsAnswer, HttpStatusCode.BadGateway, "the engine answered plain HTTP to an HTTPS request");
        await BackupApi.AssertProblemAsync(plainAnswer, HttpStatusCode.BadGateway, "closed the connection without an answer");
    }

    /// <summary>A CA of the test's own, and a certificate for 127.0.0.1 that it signed.</summary>
    private static (X509Certificate2 Authority, X509Certificate2 Server) PrivateAuthority()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Backup test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var authority = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);
        var server = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);
        return (authority, server);
    }
}
