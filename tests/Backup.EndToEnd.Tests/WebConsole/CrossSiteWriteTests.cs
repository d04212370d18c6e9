using System.Net;
using System.Text;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.WebConsole;

/// <summary>
/// Another site's page must not create or delete backups through a visitor's browser, even on a port without
/// credentials: what browsers send on such a request (<c>Origin</c>, <c>Sec-Fetch-Site</c>) is refused for writes.
/// </summary>
[TestFixture]
public sealed class CrossSiteWriteTests
{
    private EngineTarget _engine = null!;
    private BackupApi _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        await _engine.SeedAsync(Component.Operate);
        _service = ServiceHost.Start(_engine, Component.Operate);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private string SameOrigin => _service.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    [TestCase("Origin", "https://attacker.example")]
    [TestCase("Origin", "null")]
    [TestCase("Sec-Fetch-Site", "cross-site")]
    [TestCase("Sec-Fetch-Site", "same-site")]
    public async Task A_create_sent_by_a_browser_from_another_site_is_refused_and_creates_nothing(string header, string value)
    {
        var id = _engine.NewBackupId();
        using var request = Create(id);
        request.Headers.Add(header, value);

        using var response = await _service.Http.SendAsync(request);

        await BackupApi.AssertProblemAsync(response, HttpStatusCode.Forbidden, "sent by a browser from another site was refused");
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_operate_{id}_*"), Is.Empty);
    }

    [Test]
    public async Task A_delete_sent_by_a_browser_from_another_site_is_refused_and_deletes_nothing()
    {
        var id = _engine.NewBackupId();
        using (var created = await _service.CreateAsync(id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await _service.WaitUntilSettledAsync(id);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"actuator/backups/{id}");
        request.Headers.Add("Origin", "https://attacker.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await _service.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_operate_{id}_*"), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task The_consoles_own_create_from_the_same_origin_goes_through()
    {
        var id = _engine.NewBackupId();
        using var request = Create(id);
        request.Headers.Add("Origin", SameOrigin);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await _service.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        await _service.WaitUntilSettledAsync(id);
    }

    [Test]
    public async Task A_plain_form_post_from_the_same_origin_changes_nothing_either()
    {
        var id = _engine.NewBackupId();
        using var request = new HttpRequestMessage(HttpMethod.Post, "actuator/backups")
        {
            Content = new StringContent($"backupId={id}", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Origin", SameOrigin);

        using var response = await _service.Http.SendAsync(request);

        await BackupApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "Unsupported Content-Type");
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_operate_{id}_*"), Is.Empty);
    }

    [Test]
    public async Task The_console_page_is_served_from_the_service_with_a_policy_that_loads_nothing_from_elsewhere()
    {
        using var response = await _service.Http.GetAsync("actuator/console");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'; script-src 'self'; style-src 'self'"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "no asset from another host");
        foreach (var asset in new[] { "actuator/console/console.js", "actuator/console/console.css" })
        {
            using var file = await _service.Http.GetAsync(asset);
            Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK), asset);
            Assert.That(await file.Content.ReadAsStringAsync(), Does.Not.Contain("https://"), asset);
        }
    }

    private static HttpRequestMessage Create(long id) => new(HttpMethod.Post, "actuator/backups")
    {
        Content = new StringContent($$"""{ "backupId": {{id}} }""", Encoding.UTF8, "application/json"),
    };
}
