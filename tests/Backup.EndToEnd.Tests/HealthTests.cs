using System.Net;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>GET /actuator/health as a Kubernetes probe or a dashboard reads it: Spring Boot's shape, 200 UP, 503 DOWN.</summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class HealthTests(EngineFlavor flavor)
{
    private const Component Operate = Component.Operate;
    private EngineTarget _engine = null!;

    [SetUp]
    public async Task StartAsync() => _engine = await EngineTarget.StartAsync(flavor);

    [TearDown]
    public async Task StopAsync() => await _engine.DisposeAsync();

    private static async Task<JsonNode> HealthAsync(BackupApi service, HttpStatusCode expected)
    {
        using var response = await service.Http.GetAsync("actuator/health");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return JsonNode.Parse(body)!;
    }

    [Test]
    public async Task Health_is_UP_with_the_engine_the_repository_and_the_schedule()
    {
        await using var service = ServiceHost.Start(_engine, Operate, s => s["Backup:Schedule:Cron"] = "0 2 * * *");

        var health = await HealthAsync(service, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That((string?)health["status"], Is.EqualTo("UP"));
            Assert.That((string?)health["components"]!["engine"]!["status"], Is.EqualTo("UP"));
            Assert.That((string?)health["components"]!["engine"]!["details"]!["engine"], Is.EqualTo(_engine.Type.ToString()));
            Assert.That((string?)health["components"]!["repository"]!["status"], Is.EqualTo("UP"));
            Assert.That((string?)health["components"]!["repository"]!["details"]!["name"], Is.EqualTo(_engine.Repository));
            Assert.That((string?)health["components"]!["schedule"]!["status"], Is.EqualTo("UP"));
            Assert.That((string?)health["components"]!["schedule"]!["details"]!["cron"], Is.EqualTo("0 2 * * *"));
            Assert.That((string?)health["components"]!["schedule"]!["details"]!["nextRun"], Does.EndWith("T02:00:00.0000000Z"));
        });
    }

    [Test]
    public async Task Health_is_DOWN_with_503_when_the_engine_cannot_be_reached()
    {
        var emulator = _engine.Emulator ?? throw new IgnoreException("Refusing connections needs the emulator.");
        await using var service = ServiceHost.Start(_engine, Operate);
        await emulator.RefuseConnectionsAsync();

        var health = await HealthAsync(service, HttpStatusCode.ServiceUnavailable);

        Assert.That((string?)health["status"], Is.EqualTo("DOWN"));
        Assert.That((string?)health["components"]!["engine"]!["status"], Is.EqualTo("DOWN"));
        Assert.That((string?)health["components"]!["engine"]!["details"]!["error"], Does.Contain("could not be reached"));
        Assert.That((string?)health["components"]!["repository"]!["status"], Is.EqualTo("DOWN"));

        await emulator.AcceptConnectionsAsync();
        Assert.That((string?)(await HealthAsync(service, HttpStatusCode.OK))["status"], Is.EqualTo("UP"), "UP again once the engine is back");
    }

    [Test]
    public async Task Health_is_DOWN_when_the_repository_is_missing_in_the_engine()
    {
        await using var service = ServiceHost.Start(_engine, Operate, s => s["Backup:RepositoryName"] = "no_such_repository");

        var health = await HealthAsync(service, HttpStatusCode.ServiceUnavailable);

        Assert.That((string?)health["components"]!["engine"]!["status"], Is.EqualTo("UP"));
        Assert.That((string?)health["components"]!["repository"]!["status"], Is.EqualTo("DOWN"));
        Assert.That((string?)health["components"]!["repository"]!["details"]!["error"], Does.StartWith("No repository with name [no_such_repository] could be found."));
    }

    [Test]
    public async Task Health_is_DOWN_when_no_repository_is_configured()
    {
        await using var service = ServiceHost.Start(_engine, Operate, s => s["Backup:RepositoryName"] = "");

        var health = await HealthAsync(service, HttpStatusCode.ServiceUnavailable);

        Assert.That((string?)health["components"]!["repository"]!["details"]!["error"], Does.StartWith("No backup repository configured."));
    }
}
