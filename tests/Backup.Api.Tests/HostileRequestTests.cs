using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Backup.Api.Operations;
using Backup.Application.Abstractions;
using Backup.Application.Observing;
using Backup.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Moq;

namespace Backup.Api.Tests;

/// <summary>
/// Broken and hostile requests: every one gets a 4xx problem with a message, never a 5xx, and nothing is created or
/// deleted in the engine.
/// </summary>
public sealed class HostileRequestTests
{
    private const string Json = "application/json";
    private static ApiHost _host = null!;
    private static HttpClient _client = null!;

    public static IEnumerable<TestCaseData> Requests()
    {
        static TestCaseData Post(string body, string? contentType, HttpStatusCode status, string message, string name) =>
            new TestCaseData("POST", "actuator/backups", body, contentType, status, message).SetName("POST " + name);
        static TestCaseData Send(string method, string path, HttpStatusCode status, string message) =>
            new TestCaseData(method, path, null, null, status, message).SetName($"{method} {path}");

        const HttpStatusCode Bad = HttpStatusCode.BadRequest;
        const string Positive = "BackupId must be a non-negative Integer. Received value: ";
        yield return Post("{}", Json, Bad, "BackupId must be provided", "empty object");
        yield return Post("""{"backupId": null}""", Json, Bad, "BackupId must be provided", "null id");
        yield return Post("""{"backupId": -1}""", Json, Bad, Positive + "-1", "negative id");
        yield return Post("""{"backupId": 1.5}""", Json, Bad, Positive + "1.5", "fractional id");
        yield return Post("""{"backupId": 1e3}""", Json, Bad, Positive + "1e3", "exponent id");
        yield return Post("""{"backupId": 99999999999999999999}""", Json, Bad, Positive + "99999999999999999999", "huge id");
        yield return Post("""{"backupId": 9223372036854775808}""", Json, Bad, Positive + "9223372036854775808", "id one past 64 bits");
        yield return Post("""{"backupId": "abc"}""", Json, Bad, Positive + "\"abc\"", "string id");
        yield return Post("""{"backupId": [1]}""", Json, Bad, Positive + "[1]", "array id");
        yield return Post("""{"backupId": {"id": 1}}""", Json, Bad, Positive, "object id");
        yield return Post("""{"backupId": true}""", Json, Bad, Positive + "true", "boolean id");
        yield return Post("""{"backupid": 1}""", Json, Bad, "BackupId must be provided", "misspelt field (ignored, as Jackson does)");
        yield return Post("""{"backupId": "1.5"}""", Json, Bad, Positive + "\"1.5\"", "fractional string id");
        yield return Post("""{"backupId": " 5"}""", Json, Bad, Positive + "\" 5\"", "string id with a blank");
        yield return Post("""{"backupId": "+5"}""", Json, Bad, Positive + "\"+5\"", "string id with a plus");
        yield return Post("""{"backupId": ""}""", Json, Bad, Positive + "\"\"", "empty string id");
        yield return Post("""{"backupId": "-1"}""", Json, Bad, Positive + "-1", "negative string id");
        yield return Post("""{"backupId": "99999999999999999999"}""", Json, Bad, Positive + "\"99999999999999999999\"", "huge string id");
        yield return Post("""{"backupId": -1, "backupId": 1}""", Json, Bad, "more than once", "id given twice");
        yield return Post("[]", Json, Bad, "must be a JSON object, not an array", "array body");
        yield return Post("""[{"backupId": 1}]""", Json, Bad, "must be a JSON object", "array of objects");
        yield return Post("\"backupId\"", Json, Bad, "must be a JSON object, not a string", "string body");
        yield return Post("123", Json, Bad, "must be a JSON object, not a number", "number body");
        yield return Post("null", Json, Bad, "must be a JSON object", "null body");
        yield return Post("", Json, Bad, "not valid JSON", "empty body");
        yield return Post("{", Json, Bad, "not valid JSON", "unclosed object");
        yield return Post("""{"backupId": 1""", Json, Bad, "not valid JSON", "truncated object");
        yield return Post("""{"backupId": 1}}""", Json, Bad, "not valid JSON", "trailing brace");
        yield return Post("""{"backupId": 1} trailing""", Json, Bad, "not valid JSON", "trailing text");
        yield return Post("{'backupId': 1}", Json, Bad, "not valid JSON", "single quotes");
        yield return Post("""{"backupId": 01}""", Json, Bad, "not valid JSON", "leading zero");
        yield return Post("""{"backupId": NaN}""", Json, Bad, "not valid JSON", "NaN");
        yield return Post("{\"backupId\": 1, \"pad\": \"" + new string('x', 20_000) + "\"}", Json, Bad, "larger than 16384 bytes", "oversized body");
        yield return Post(new string('[', 100) + new string(']', 100), Json, Bad, "not valid JSON", "deep nesting");
        yield return Post("""{"backupId": 1}""", "text/plain", Bad, "Unsupported Content-Type 'text/plain", "text/plain");
        yield return Post("""{"backupId": 1}""", null, Bad, "Unsupported Content-Type", "no content type");
        yield return Post("backupId=1", "application/x-www-form-urlencoded", Bad, "Unsupported Content-Type", "form body");
        yield return Post("<backupId>1</backupId>", "application/xml", Bad, "Unsupported Content-Type", "xml body");

        yield return Send("GET", "actuator/backups/abc", Bad, Positive + "abc");
        yield return Send("GET", "actuator/backups/-1", Bad, Positive + "-1");
        yield return Send("GET", "actuator/backups/1.5", Bad, Positive + "1.5");
        yield return Send("GET", "actuator/backups/+1", Bad, Positive + "+1");
        yield return Send("GET", "actuator/backups/%201", Bad, Positive);
        yield return Send("GET", "actuator/backups/99999999999999999999", Bad, Positive);
        yield return Send("GET", "actuator/backups/12*", Bad, Positive + "12*");
        yield return Send("GET", "actuator/backups/%2A", Bad, Positive + "*");
        yield return Send("GET", "actuator/backups/1,2", Bad, Positive + "1,2");
        yield return Send("GET", "actuator/backups/1%2C2", Bad, Positive + "1,2");
        yield return Send("GET", "actuator/backups/_all", Bad, Positive + "_all");
        yield return Send("GET", "actuator/backups/..%2F..%2F_snapshot", Bad, Positive);
        yield return Send("GET", "actuator/backups/1%2F..", Bad, Positive);
        yield return Send("GET", "actuator/backups?pattern=abc", Bad, "Invalid pattern: abc");
        yield return Send("GET", "actuator/backups?pattern=1*2", Bad, "Invalid pattern: 1*2");
        yield return Send("GET", "actuator/backups?pattern=1,2", Bad, "Invalid pattern: 1,2");
        yield return Send("GET", "actuator/backups?pattern=12%0A", Bad, "Invalid pattern: 12\n");
        yield return Send("GET", "actuator/backups?pattern=%20", Bad, "Invalid pattern:  ");
        yield return Send("GET", "actuator/backups?pattern=5%20", Bad, "Invalid pattern: 5 ");
        yield return Send("GET", "actuator/backups?pattern=%095", Bad, "Invalid pattern: \t5");
        yield return Send("GET", "actuator/backups?pattern=**", Bad, "Invalid pattern: **");
        yield return Send("GET", "actuator/backups?pattern=*1", Bad, "Invalid pattern: *1");
        yield return Send("GET", "actuator/backups?pattern=_all", Bad, "Invalid pattern: _all");
        yield return Send("GET", "actuator/backups?pattern=123456789012345678901", Bad, "Invalid pattern: 123456789012345678901");
        yield return Send("GET", "actuator/backups?pattern=-1", Bad, "Invalid pattern: -1");
        yield return Send("GET", "actuator/backups?verbose=maybe", Bad, "Invalid verbose: maybe");

        yield return Send("DELETE", "actuator/backups/abc", Bad, Positive + "abc");
        yield return Send("DELETE", "actuator/backups/-1", Bad, Positive + "-1");
        yield return Send("DELETE", "actuator/backups/*", Bad, Positive + "*");
        yield return Send("DELETE", "actuator/backups/1,2", Bad, Positive + "1,2");
        yield return Send("DELETE", "actuator/backups/12*", Bad, Positive + "12*");
        yield return Send("DELETE", "actuator/backups/_all", Bad, Positive + "_all");
        yield return Send("DELETE", "actuator/backups/..%2F1", Bad, Positive);
        yield return Send("GET", "actuator//backups/..%2F1", Bad, Positive);
        yield return Send("DELETE", "actuator//backups//_all", Bad, Positive + "_all");
        yield return Send("DELETE", "actuator/backups//1%2F2", Bad, Positive + "1%2F2");

        yield return Send("DELETE", "actuator/backups", HttpStatusCode.MethodNotAllowed, "Method DELETE is not allowed");
        yield return Send("PUT", "actuator/backups", HttpStatusCode.MethodNotAllowed, "Method PUT is not allowed");
        yield return Send("PATCH", "actuator/backups/1", HttpStatusCode.MethodNotAllowed, "Method PATCH is not allowed");
        yield return Send("POST", "actuator/backups/1", HttpStatusCode.MethodNotAllowed, "Method POST is not allowed");
        yield return Send("GET", "actuator/backups/1/extra", HttpStatusCode.NotFound, "No endpoint at GET /actuator/backups/1/extra");
        yield return Send("GET", "actuator/backup", HttpStatusCode.NotFound, "No endpoint");
    }

    [OneTimeSetUp]
    public static void StartHost()
    {
        _host = new ApiHost();
        _client = _host.CreateClient();
    }

    [OneTimeTearDown]
    public static async Task StopHostAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [TestCaseSource(nameof(Requests))]
    public async Task Is_refused_with_a_clear_problem_and_changes_nothing(
        string method, string path, string? body, string? contentType, HttpStatusCode status, string message)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            }
        }

        // A fresh service per row: what one row did to the engine cannot hide behind, or be blamed on, another row.
        await using var host = new ApiHost();
        using var client = host.CreateClient();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonNode.Parse(text)!;
        Assert.That((string?)problem["message"], Does.Contain(message));
        Assert.That((string?)problem["detail"], Is.EqualTo((string?)problem["message"]), "detail and message say the same");
        Assert.That((int?)problem["status"], Is.EqualTo((int)status));
        host.VerifyNothingChanged();
        host.VerifyNothingRead();
    }

    [TestCase("GET", "actuator/backups/abc", HttpStatusCode.BadRequest)]
    [TestCase("GET", "actuator/nothing", HttpStatusCode.NotFound)]
    [TestCase("PUT", "actuator//backups", HttpStatusCode.MethodNotAllowed)]
    public async Task A_client_that_accepts_only_json_gets_the_same_problem_as_json(string method, string path, HttpStatusCode status)
    {
        using var asProblem = new HttpRequestMessage(new HttpMethod(method), path);
        using var asJson = new HttpRequestMessage(new HttpMethod(method), path);
        asJson.Headers.Accept.ParseAdd("application/json");

        using var problem = await _client.SendAsync(asProblem);
        using var json = await _client.SendAsync(asJson);

        Assert.That(json.StatusCode, Is.EqualTo(status));
        Assert.That(json.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await json.Content.ReadAsStringAsync(), Is.EqualTo(await problem.Content.ReadAsStringAsync()));
    }

    /// <summary>DNS rebinding: a page whose name now points at the service makes the browser send its own name as Host.</summary>
    [TestCase("POST", "Origin", "http://evil.example")]
    [TestCase("DELETE", "Origin", "http://evil.example")]
    [TestCase("GET", "Sec-Fetch-Site", "same-origin")]
    [TestCase("POST", "Sec-Fetch-Mode", "cors")]
    public async Task A_browser_request_for_a_foreign_host_name_is_refused(string method, string header, string value)
    {
        using var request = Backup(method, "evil.example");
        request.Headers.Add(header, value);

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("DNS rebinding"));
        _host.VerifyNothingChanged();
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1:9600")]
    [TestCase("[::1]:9600")]
    public async Task A_browser_request_for_loopback_goes_through(string hostName)
    {
        using var request = Backup("GET", hostName);
        request.Headers.Add("Origin", $"http://{hostName}");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_script_reaching_the_service_by_any_name_goes_through()
    {
        using var request = Backup("GET", "backup.camunda.svc.cluster.local:9600");

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_browser_request_for_a_name_in_AllowedHosts_goes_through()
    {
        await using var host = new ApiHost(new() { ["AllowedHosts"] = "localhost;backup.example.com" });
        using var client = host.CreateClient();
        using var request = Backup("GET", "backup.example.com");
        request.Headers.Add("Origin", "https://backup.example.com");

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("GET", "actuator/backups")]
    [TestCase("GET", "actuator/backups/abc")]
    [TestCase("DELETE", "actuator/backups")]
    [TestCase("GET", "actuator/nothing-here")]
    [TestCase("GET", "actuator/health")]
    [TestCase("GET", "actuator/openapi/backups.json")]
    public async Task Every_answer_carries_the_security_headers(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'").And.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task The_api_page_may_run_only_its_own_scripts_and_they_all_load()
    {
        using var page = await _client.GetAsync("actuator/openapi/ui/");
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();

        var scripts = System.Text.RegularExpressions.Regex.Matches(html, @"<script[^>]*>(?<code>.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.That(scripts, Is.Not.Empty);
        foreach (System.Text.RegularExpressions.Match script in scripts)
        {
            var source = System.Text.RegularExpressions.Regex.Match(script.Value, "src=\"(?<src>[^\"]+)\"");
            if (source.Success)
            {
                Assert.That(source.Groups["src"].Value, Does.Not.Contain("//"), "an asset from another origin would be blocked by 'self'");
                using var asset = await _client.GetAsync($"actuator/openapi/ui/{source.Groups["src"].Value}");
                Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.OK), source.Groups["src"].Value);
            }
            else
            {
                var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups["code"].Value)));
                Assert.That(policy, Does.Contain($"'sha256-{hash}'"), "the page's inline script would be blocked");
            }
        }

        Assert.That(policy, Does.Contain("script-src 'self' 'sha256-").And.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(policy, Does.Not.Contain("unsafe-eval").And.Not.Contain("script-src 'self' 'unsafe-inline'"));
    }

    private static HttpRequestMessage Backup(string method, string hostName)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), method == "DELETE" ? "actuator/backups/1" : "actuator/backups");
        if (method == "POST")
        {
            request.Content = new StringContent("""{"backupId": 1}""", Encoding.UTF8, "application/json");
        }

        request.Headers.Host = hostName;
        return request;
    }
}

/// <summary>Log forging: with every log level on, no request text reaches the log as it was sent.</summary>
public sealed class LogForgingTests
{
    [TestCase("actuator/backups/1%0D%0Awarn: forged line")]
    [TestCase("actuator/backups?pattern=1%0D%0Awarn:%20forged%20line")]
    [TestCase("actuator/nothing%0D%0Awarn:%20forged%20line")]
    public async Task An_encoded_line_break_in_a_request_never_reaches_the_log(string path)
    {
        await using var host = new ApiHost(new()
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Management:Auth:ApiKeys:0:Name"] = "cron",
            ["Management:Auth:ApiKeys:0:Key"] = "0123456789abcdef0123",
        })
        { LeastCollected = LogLevel.Trace };
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", "0123456789abcdef0123");

        using var authenticated = await client.GetAsync(path);
        client.DefaultRequestHeaders.Remove("X-API-Key");
        using var anonymous = await client.GetAsync(path);

        var messages = host.Logs.GetSnapshot().Select(r => r.Message).ToList();
        Assert.That(messages, Is.Not.Empty, "the log is on at every level");
        Assert.That(messages, Has.None.Contains("forged"));
        Assert.That(messages, Has.None.Contains("\r").And.None.Contains("\n"));
    }
}

/// <summary>Configuration an attacker would hope for: a typo in the auth settings must stop the service, not open it.</summary>
public sealed class HostileConfigurationTests
{
    [TestCase("Management:Auth:ApiKeys:0:Rights", "ReadWrite")]
    [TestCase("Management:Auth:ApiKeys:0:Rights", "Admin")]
    [TestCase("Management:Auht:ApiKeys:0:Rights", "Write")]
    [TestCase("Management:Auth:ApiKeys:0:Key", "")]
    public void An_auth_typo_stops_start_up_instead_of_opening_the_port(string key, string value)
    {
        using var host = new ApiHost(new()
        {
            ["Management:Auth:ApiKeys:0:Name"] = "cron",
            ["Management:Auth:ApiKeys:0:Key"] = "0123456789abcdef0123",
            [key] = value,
        });

        Assert.That(() => host.CreateClient(), Throws.Exception, "the service started and would answer DELETE without credentials");
        host.VerifyNothingChanged();
    }
}

/// <summary>Listing as an amplifier: a flood of listings is bounded, and identical ones share the engine's read.</summary>
public sealed class ListingFloodTests
{
    private const int Beyond = 6;

    /// <summary>What a listing asks the engine for; the background scans ask for names only (verbose false).</summary>
    private const string Listing = "camunda_operate_*";

    [Test]
    public async Task A_flood_of_listings_is_bounded_with_503_and_Retry_After_and_shares_the_engines_reads()
    {
        await using var host = new ApiHost();
        var engine = new TaskCompletionSource<Result<IReadOnlyList<Snapshot>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engine.Setup(e => e.GetSnapshotsAsync(ApiHost.Selecting(Listing), true, It.IsAny<CancellationToken>())).Returns(engine.Task);
        using var client = host.CreateClient();
        using var listings = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), BackupMetrics.MeterName, "backup.listings");

        var flood = Enumerable.Range(0, ListingLimits.AtOnce + ListingLimits.Waiting + Beyond)
            .Select(_ => client.GetAsync("actuator/backups")).ToList();
        await listings.WaitForMeasurementsAsync(ListingLimits.AtOnce).WaitAsync(TimeSpan.FromSeconds(60));
        var refused = new List<HttpResponseMessage>();
        var pending = flood.ToList();
        while (refused.Count < Beyond)
        {
            var answered = await Task.WhenAny(pending).WaitAsync(TimeSpan.FromSeconds(60));
            pending.Remove(answered);
            refused.Add(await answered);
        }

        var readsWhileHeld = Reads(host);
        engine.SetResult(Result.Success<IReadOnlyList<Snapshot>>([]));
        var served = await Task.WhenAll(pending);

        Assert.That(refused.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(refused.Select(r => r.Headers.RetryAfter?.Delta), Is.All.GreaterThan(TimeSpan.Zero));
        Assert.That(served.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(readsWhileHeld, Is.EqualTo(1), $"the {ListingLimits.AtOnce} listings worked on at once shared one engine read");
        Assert.That(Reads(host), Is.LessThan(served.Length), "the engine saw fewer reads than listings answered");
        Assert.That(listings.GetMeasurementSnapshot().Count(m => (string?)m.Tags["read"] == "shared"), Is.GreaterThanOrEqualTo(ListingLimits.AtOnce - 1));
        foreach (var response in refused.Concat(served))
        {
            response.Dispose();
        }
    }

    private static int Reads(ApiHost host) =>
        host.Engine.Invocations.Count(i => i.Method.Name == nameof(ISnapshotRepository.GetSnapshotsAsync) && Equals(i.Arguments[0]?.ToString(), Listing) && Equals(i.Arguments[1], true));
}
