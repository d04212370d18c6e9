using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Backup.EngineEmulator.EngineFlavor;

namespace Backup.EngineEmulator.Tests;

public sealed class FaultSwitchTests
{
    [Test]
    public async Task Refused_connections_fail_to_connect_and_come_back_on_the_same_port()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        var url = engine.Emulator.Url;

        await engine.Emulator.RefuseConnectionsAsync();
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => engine.Http.GetAsync(""));
        await engine.Emulator.AcceptConnectionsAsync();
        using var back = await engine.Http.GetAsync("");

        Assert.That(refused!.InnerException, Is.InstanceOf<System.Net.Sockets.SocketException>());
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(engine.Emulator.Url, Is.EqualTo(url));
    }

    [Test]
    public async Task A_hang_outlasts_a_callers_timeout()
    {
        await using var engine = await Engine.StartAsync(OpenSearch2);
        engine.Emulator.Faults.Hang = TimeSpan.FromMinutes(5);
        using var impatient = new HttpClient { BaseAddress = engine.Emulator.Url, Timeout = TimeSpan.FromMilliseconds(200) };

        Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(""));
    }

    [TestCase(500, "exception")]
    [TestCase(503, "master_not_discovered_exception")]
    public async Task A_status_fault_answers_with_the_engines_envelope_only_where_it_applies(int status, string type)
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        engine.Emulator.Faults.StatusCode = status;
        engine.Emulator.Faults.Only = r => r.Path.StartsWith("/_snapshot", StringComparison.Ordinal);

        var (faulted, body) = await engine.GetAsync($"_snapshot/{Engine.Repository}/_all");
        var (root, _) = await engine.GetAsync("");

        Assert.That(faulted, Is.EqualTo(status));
        Assert.That((string?)body!["error"]!["type"], Is.EqualTo(type));
        Assert.That(root, Is.EqualTo(200));
    }

    [Test]
    public async Task A_dropped_connection_gets_no_answer()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch9);
        engine.Emulator.Faults.DropConnections = true;

        Assert.ThrowsAsync<HttpRequestException>(() => engine.Http.GetAsync(""));
    }

    [TestCase(Elasticsearch8, "application/json")]
    [TestCase(OpenSearch2, "text/plain")]
    public async Task Basic_auth_is_required_when_switched_on(EngineFlavor flavor, string refusal)
    {
        await using var engine = await Engine.StartAsync(flavor);
        engine.Emulator.Faults.RequireBasicAuth = ("elastic", "changeme");

        using var anonymous = await engine.Http.GetAsync("");
        engine.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:changeme")));
        using var authenticated = await engine.Http.GetAsync("");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(anonymous.Content.Headers.ContentType?.MediaType, Is.EqualTo(refusal));
        Assert.That(anonymous.Headers.WwwAuthenticate, Is.Not.Empty);
        Assert.That(authenticated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Every_request_is_recorded_even_a_faulted_one()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);
        engine.Emulator.Faults.StatusCode = 500;

        await engine.CreateSnapshotAsync("s", """{"indices": "index_1"}""");

        var request = engine.Emulator.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("PUT"));
        Assert.That(request.Path, Is.EqualTo("/_snapshot/my_repository/s"));
        Assert.That(request.Query, Is.EqualTo("?wait_for_completion=false"));
        Assert.That(request.Body, Is.EqualTo("""{"indices": "index_1"}"""));
        engine.Emulator.ClearRequests();
        Assert.That(engine.Emulator.Requests, Is.Empty);
    }

    [Test]
    public async Task Elasticsearch_says_who_it_is_in_every_answer_and_OpenSearch_does_not()
    {
        await using var elasticsearch = await Engine.StartAsync(Elasticsearch8);
        await using var openSearch = await Engine.StartAsync(OpenSearch2);

        using var es = await elasticsearch.Http.GetAsync("_snapshot/missing/_all");
        using var os = await openSearch.Http.GetAsync("");

        Assert.That(es.Headers.GetValues("X-Elastic-Product"), Is.EqualTo(new[] { "Elasticsearch" }));
        Assert.That(os.Headers.Contains("X-Elastic-Product"), Is.False);
    }
}
