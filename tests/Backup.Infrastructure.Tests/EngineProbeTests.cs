using System.Net;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;
using Backup.Tests.Shared;

namespace Backup.Infrastructure.Tests;

/// <summary>The health endpoint's two read-only calls, against the official payloads.</summary>
[TestFixture(DatabaseType.Elasticsearch)]
[TestFixture(DatabaseType.OpenSearch)]
public sealed class EngineProbeTests(DatabaseType type)
{
    private string Prefix => type == DatabaseType.OpenSearch ? "os" : "es";

    [Test]
    public async Task The_engine_says_what_it_is()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text($"{Prefix}-root-info.json"));

        var identity = await adapter.Probe.IdentifyAsync(CancellationToken.None);

        Assert.That(identity.Value, Is.EqualTo(type == DatabaseType.OpenSearch
            ? new Application.Abstractions.EngineIdentity("OpenSearch", "3.2.0")
            : new Application.Abstractions.EngineIdentity("Elasticsearch", "9.1.0")));
        Assert.That(adapter.Engine.Requests.Single().PathAndQuery, Is.EqualTo("/"));
    }

    [Test]
    public async Task An_existing_repository_is_found_with_one_read()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.OK, Fixtures.Text($"{Prefix}-get-repository.json"));

        var found = await adapter.Probe.FindRepositoryAsync(CancellationToken.None);

        Assert.That(found.IsSuccess, Is.True);
        Assert.That(adapter.Engine.Requests.Single(), Is.EqualTo((HttpMethod.Get, "/_snapshot/my_repository", "")));
    }

    [Test]
    public async Task A_missing_repository_is_NotFound_with_what_to_do()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => StubEngine.Json(HttpStatusCode.NotFound, Fixtures.Text($"{Prefix}-error-repository-missing.json"));

        var found = await adapter.Probe.FindRepositoryAsync(CancellationToken.None);

        Assert.That(found.Error!.Kind, Is.EqualTo(ErrorKind.NotFound));
        Assert.That(found.Error.Message, Does.StartWith("No repository with name [my_repository] could be found. Register it"));
    }

    [Test]
    public async Task An_engine_that_refuses_connections_is_unreachable()
    {
        using var adapter = new Adapter(type);
        adapter.Engine.Answer = _ => throw new HttpRequestException("Connection refused");

        var identity = await adapter.Probe.IdentifyAsync(CancellationToken.None);

        Assert.That(identity.Error!.Kind, Is.EqualTo(ErrorKind.EngineUnreachable));
    }
}
