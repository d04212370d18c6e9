using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Backup.Domain;
using Moq;

namespace Backup.Api.Tests;

/// <summary>The dry run and health endpoints, routed, bound and guarded like every other management route.</summary>
public sealed class ScheduleEndpointTests
{
    private const string ReadKey = "read-0123456789abcdef";
    private const string WriteKey = "write-0123456789abcdef";

    private static ApiHost Host(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Management:Auth:ApiKeys:0:Name"] = "dashboard",
            ["Management:Auth:ApiKeys:0:Key"] = ReadKey,
            ["Management:Auth:ApiKeys:0:Rights"] = "Read",
            ["Management:Auth:ApiKeys:1:Name"] = "cron",
            ["Management:Auth:ApiKeys:1:Key"] = WriteKey,
            ["Management:Auth:ApiKeys:1:Rights"] = "Write",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new ApiHost(all);
    }

    private static HttpClient Client(ApiHost host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    private static Snapshot Part(long id, int part, DateTimeOffset start) =>
        new(new SnapshotName(Component.Operate, BackupId.Create(id).Value, "8.7.0", part, 6), "SUCCESS", start, start.AddSeconds(1), []);

    [Test]
    public async Task Health_needs_credentials_and_Read_rights_are_enough()
    {
        using var host = Host();
        using var anonymous = host.CreateClient();
        using var reader = Client(host, ReadKey);

        using var refused = await anonymous.GetAsync("actuator/health");
        using var health = await reader.GetAsync("actuator/health");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "the engine at 127.0.0.1:1 cannot be reached");
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.That((string?)body["components"]!["engine"]!["status"], Is.EqualTo("DOWN"));
    }

    [Test]
    public async Task Health_answers_GET_only()
    {
        using var host = Host();
        using var writer = Client(host, WriteKey);

        using var posted = await writer.PostAsync("actuator/health", null);

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task The_dry_run_lists_what_would_be_deleted_and_deletes_nothing()
    {
        using var host = Host(new() { ["Backup:Retention:MaxCount"] = "1" });
        var now = DateTimeOffset.UtcNow;
        host.Engine.Setup(e => e.GetSnapshotsAsync(ApiHost.Selecting("camunda_operate_*"), true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>(
                [.. Enumerable.Range(1, 6).SelectMany(n => new[] { Part(7, n, now.AddDays(-2)), Part(8, n, now.AddDays(-1)) })]));
        using var reader = Client(host, ReadKey);

        using var response = await reader.GetAsync("actuator/retention");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)body["message"], Is.EqualTo("The next run deletes 1 backup(s) whole, oldest first."));
        Assert.That((int?)body["policy"]!["maxCount"], Is.EqualTo(1));
        var deletion = body["deletions"]!.AsArray().Single()!;
        Assert.That((long?)deletion["backupId"], Is.EqualTo(7));
        Assert.That((string?)deletion["state"], Is.EqualTo("COMPLETED"));
        Assert.That((string?)deletion["reason"], Is.EqualTo("beyond MaxCount (1): the 2nd newest of 2 COMPLETED backups"));
        host.VerifyNothingChanged();
    }

    [Test]
    public async Task The_dry_run_passes_an_unreachable_engine_on_as_502()
    {
        using var host = Host(new() { ["Backup:Retention:MaxAge"] = "30.00:00:00" });
        host.Engine.Setup(e => e.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Error.EngineUnreachable("Elasticsearch could not be reached"));
        using var reader = Client(host, ReadKey);

        using var response = await reader.GetAsync("actuator/retention");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
