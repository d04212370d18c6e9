using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backup.Api.Security;

namespace Backup.Api.Tests;

public sealed class ManagementAuthTests
{
    private const string WriterKey = "writer-key-0123456789abcdef";
    private const string ReaderKey = "reader-key-0123456789abcdef";
    private static ApiHost _host = null!;

    [OneTimeSetUp]
    public static void StartHost() => _host = new ApiHost(new()
    {
        ["Management:Auth:ApiKeys:0:Name"] = "cron",
        ["Management:Auth:ApiKeys:0:Key"] = WriterKey,
        ["Management:Auth:ApiKeys:0:Rights"] = "Write",
        ["Management:Auth:ApiKeys:1:Name"] = "dashboard",
        ["Management:Auth:ApiKeys:1:Key"] = ReaderKey,
        ["Management:Auth:Users:0:Username"] = "ops",
        ["Management:Auth:Users:0:Password"] = "s3cret-pass-0123",
        ["Management:Auth:Users:0:Rights"] = "Write",
    });

    [OneTimeTearDown]
    public static async Task StopHostAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_request_without_credentials_is_401_and_says_how_to_authenticate()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync("actuator/backups");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Basic"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Authentication required"));
    }

    [TestCase("ApiKey", WriterKey + "x")]
    [TestCase("ApiKey", "writer-key-0123456789abcde")]
    [TestCase("Bearer", WriterKey)]
    [TestCase("Basic", "not base64!")]
    public async Task Wrong_credentials_are_401(string scheme, string parameter)
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, parameter);

        using var response = await client.GetAsync("actuator/backups");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_read_key_may_list_but_not_create_or_delete()
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", ReaderKey);

        using var list = await client.GetAsync("actuator/backups");
        using var create = await client.PostAsync("actuator/backups", new StringContent("""{"backupId": 1}""", Encoding.UTF8, "application/json"));
        using var delete = await client.DeleteAsync("actuator/backups/1");

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await create.Content.ReadAsStringAsync(), Does.Contain("needs a key or user with Write rights"));
        _host.VerifyNothingChanged();
    }

    [Test]
    public async Task A_write_key_in_the_X_API_Key_header_may_delete()
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", WriterKey);

        using var delete = await client.DeleteAsync("actuator/backups/424242");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "it got through to the use case, which found no such backup");
    }

    [TestCase("actuator/health/liveness", HttpStatusCode.OK, "UP")]
    [TestCase("actuator/health/readiness", HttpStatusCode.ServiceUnavailable, "DOWN")]
    [TestCase("actuator/health/LIVENESS", HttpStatusCode.OK, "UP")]
    public async Task The_probes_answer_without_credentials_with_the_status_only(string path, HttpStatusCode status, string state)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(status), "readiness checks the engine, which this host cannot reach");
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo($$"""{"status":"{{state}}"}"""));
    }

    [TestCase("GET", "actuator/health")]
    [TestCase("GET", "actuator/health/liveness/../../backups")]
    [TestCase("GET", "actuator/health/liveness/extra")]
    [TestCase("GET", "actuator/health/liveness%2F..%2F..%2Fbackups")]
    public async Task The_detailed_health_and_anything_beside_the_probes_still_need_credentials(string method, string path)
    {
        using var client = _host.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("components"));
    }

    [Test]
    public async Task A_basic_user_is_let_in()
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:s3cret-pass-0123")));

        using var list = await client.GetAsync("actuator/backups");

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

public sealed class StartupWarningTests
{
    /// <summary>Loopback is no substitute for credentials: any program on the machine, and before the Host check any web page, reached it.</summary>
    [TestCase("0.0.0.0")]
    [TestCase("127.0.0.1")]
    public void An_open_port_is_warned_about_whatever_address_it_listens_on(string address)
    {
        using var host = new ApiHost(new() { ["Management:Server:Address"] = address });
        using var client = host.CreateClient();

        var warnings = host.Logs.GetSnapshot().Select(r => r.Message);

        Assert.That(warnings, Has.One.Contains("requires no credentials: whoever can reach the port").And.Contain("Set Management:Auth"));
        Assert.That(warnings, Has.None.Contains("Management:Server:Address"));
    }

    [Test]
    public void A_missing_repository_name_is_warned_about_at_start_up()
    {
        using var host = new ApiHost(new() { ["Backup:RepositoryName"] = "" });
        using var client = host.CreateClient();

        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.Some.StartsWith("Backup:RepositoryName is not set"));
    }

    [Test]
    public void No_warning_once_credentials_are_required()
    {
        using var host = new ApiHost(new() { ["Management:Auth:ApiKeys:0:Name"] = "cron", ["Management:Auth:ApiKeys:0:Key"] = "0123456789abcdef0123" });
        using var client = host.CreateClient();

        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contains("requires no credentials"));
    }
}

public sealed class FailedAuthenticationTests
{
    private const string Key = "the-right-key-0123456789";

    [Test]
    public async Task Failures_are_logged_without_the_secret_and_a_client_that_keeps_failing_gets_429_with_Retry_After()
    {
        await using var host = new ApiHost(new()
        {
            ["Management:Auth:ApiKeys:0:Name"] = "cron",
            ["Management:Auth:ApiKeys:0:Key"] = Key,
        });
        using var client = host.CreateClient();

        var failures = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < ManagementAuth.FailuresPerMinute; attempt++)
        {
            using var wrong = new HttpRequestMessage(HttpMethod.Get, "actuator/backups");
            wrong.Headers.Add("X-API-Key", $"guess-{attempt}-0123456789abcdef");
            using var answer = await client.SendAsync(wrong);
            failures.Add(answer.StatusCode);
        }

        using var right = new HttpRequestMessage(HttpMethod.Get, "actuator/backups");
        right.Headers.Add("X-API-Key", Key);
        using var throttled = await client.SendAsync(right);

        Assert.That(failures, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(throttled.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "even the right key waits: a guess must not be told apart");
        Assert.That(throttled.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        var warnings = host.Logs.GetSnapshot().Where(r => r.Message.StartsWith("Failed authentication", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(ManagementAuth.WarningsPerMinute), "logged, but rate-limited");
        Assert.That(warnings.Select(w => w.Message), Has.All.Contains("(X-API-Key)").And.All.Not.Contains("guess-"));
    }
}
