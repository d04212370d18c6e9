using Backup.Application;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Infrastructure.Tests;

public sealed class EngineConnectionTests
{
    /// <summary>However many listings wait, the engine sees a bounded number of connections from one process (README: 8).</summary>
    [Test]
    public void The_engine_client_as_registered_opens_at_most_8_connections_to_the_engine()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<BackupOptions>(o => o.RepositoryName = "my_repository");
        services.AddSnapshotApi(DatabaseType.Elasticsearch);
        using var provider = services.BuildServiceProvider();

        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(SnapshotApi.DependencyInjection.EngineClient);
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            handler = inner;
        }

        Assert.That(handler, Is.InstanceOf<SocketsHttpHandler>());
        Assert.That(((SocketsHttpHandler)handler).MaxConnectionsPerServer, Is.EqualTo(8));
    }
}
