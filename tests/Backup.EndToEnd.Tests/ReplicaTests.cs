using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>Three replicas of the service on one engine, as a Kubernetes deployment with replicas: 3 runs them.</summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class ReplicaTests(EngineFlavor flavor)
{
    private const Component Operate = Component.Operate;
    private const int Rounds = 10;
    private EngineTarget _engine = null!;
    private BackupApi[] _replicas = [];

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(Operate);
        _replicas = [.. Enumerable.Range(0, 3).Select(_ => ServiceHost.Start(_engine, Operate))];
    }

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _engine.DisposeAsync();
    }

    [Test]
    public async Task Concurrent_creates_of_the_same_id_give_exactly_one_200_and_one_set_of_parts()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var id = _engine.NewBackupId();

            var statuses = await Task.WhenAll(_replicas.Select(async r =>
            {
                using var response = await r.CreateAsync(id);
                return response.StatusCode;
            }));

            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), $"round {round}: {string.Join(", ", statuses)}");
            Assert.That(statuses.Where(s => s != HttpStatusCode.OK), Is.All.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)(await _replicas[0].WaitUntilSettledAsync(id))["state"], Is.EqualTo("COMPLETED"));
            Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Has.Count.EqualTo(6).And.Unique);
        }

        TestContext.Out.WriteLine($"{flavor}: {Rounds} rounds of 3 concurrent creates of one id: exactly one 200 each time");
    }
}
