using Backup.Domain;
using Backup.EndToEnd.Tests;
using Backup.EngineEmulator;

namespace Backup.Cli.Tests;

/// <summary>
/// The tool and Camunda 8.8 webapps backups: restore with 8.7's safety checks (only the backup's own indices under
/// <c>operate-</c>, <c>tasklist-</c> and <c>camunda-</c> are ever deleted), and the 8.7 backups from before the upgrade.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class WebappsToolTests(EngineFlavor flavor)
{
    private static readonly string[] NotOurs = ["zeebe-record-job-8.8.0_2025-10-01", "optimize-process-instance-8.8.0_"];

    private EngineTarget _engine = null!;

    private EngineEmulator.EngineEmulator Emulator =>
        _engine.Emulator ?? throw new IgnoreException("This test reads the emulator's request log; it runs when BACKUP_E2E_ENGINE_URL is unset.");

    private IEnumerable<RecordedRequest> Changes => Emulator.Requests.Where(r => r.Method == "DELETE" || r.Path.EndsWith("/_restore", StringComparison.Ordinal));

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(Component.Webapps);
        foreach (var index in NotOurs)
        {
            await _engine.CreateIndexAsync(index);
        }
    }

    [TearDown]
    public async Task StopAsync() => await _engine.DisposeAsync();

    [Test]
    public async Task A_webapps_backup_is_restored_part_by_part_deleting_only_its_own_indices_under_the_three_families()
    {
        var id = await TakeCompletedBackupAsync(Component.Webapps);
        await _engine.CreateIndexAsync("camunda-made-later-8.8.0_");
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "webapps", "--delete-existing", "--yes"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("Verified: all"));
        var restores = Changes.Where(r => r.Method == "POST").Select(r => r.Path);
        Assert.That(restores, Is.EqualTo(Enumerable.Range(1, 7).Select(n => $"/_snapshot/{_engine.Repository}/camunda_webapps_{id}_8.8.0_part_{n}_of_7/_restore")));
        var deleted = Changes.Where(r => r.Method == "DELETE").SelectMany(r => r.Path.TrimStart('/').Split(',')).ToList();
        Assert.That(deleted, Is.Not.Empty);
        Assert.That(deleted, Is.EquivalentTo(CamundaIndices88.Aged("2025-10-01")));
        Assert.That(Emulator.IndexNames, Is.SupersetOf(NotOurs.Append("camunda-made-later-8.8.0_")));
    }

    [Test]
    public async Task Dry_run_shows_the_seven_parts_in_order_and_changes_nothing()
    {
        var id = await TakeCompletedBackupAsync(Component.Webapps);
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "webapps", "--dry-run", "--delete-existing"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var positions = Enumerable.Range(1, 7).Select(n => run.Output.IndexOf($"camunda_webapps_{id}_8.8.0_part_{n}_of_7", StringComparison.Ordinal)).ToList();
        Assert.That(positions, Is.All.GreaterThanOrEqualTo(0), run.Output);
        Assert.That(positions, Is.Ordered, run.Output);
        Assert.That(run.Output, Does.Contain("camunda-user-8.8.0_").And.Contain("tasklist-task-8.8.0_").And.Not.Contain("zeebe-record"));
        Assert.That(Changes, Is.Empty);
    }

    [Test]
    public async Task A_webapps_backup_that_is_not_COMPLETED_is_refused_and_nothing_changes()
    {
        var id = _engine.NewBackupId();
        Emulator.SetOutcome($"camunda_webapps_{id}_8.8.0_part_2_of_7", SnapshotOutcome.Failed);
        await using (var service = ServiceHost.Start(_engine, Component.Webapps))
        {
            using var created = await service.CreateAsync(id);
            Assert.That((string?)(await service.WaitUntilSettledAsync(id))["state"], Is.EqualTo("FAILED"));
        }

        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "webapps", "--delete-existing"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain($"Backup [{id}] is FAILED, not COMPLETED"));
        Assert.That(Changes, Is.Empty);
    }

    [Test]
    public async Task After_the_upgrade_an_8_7_operate_backup_is_named_by_webapps_and_restored_with_its_component()
    {
        await _engine.SeedAsync(Component.Operate);
        var id = await TakeCompletedBackupAsync(Component.Operate);

        var asWebapps = await Tool.RunAsync(Restore(id, "webapps", "--dry-run"));

        Assert.That(asWebapps.ExitCode, Is.EqualTo(ExitCodes.NotFound), asWebapps.ToString());
        Assert.That(asWebapps.Error, Does.Contain("A Camunda 8.7 operate backup has this ID: restore it with --component operate"));

        Emulator.ClearRequests();
        var run = await Tool.RunAsync(Restore(id, "operate", "--delete-existing", "--yes"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("Verified: all"));
        Assert.That(Changes.Where(r => r.Method == "POST").Count(), Is.EqualTo(6));
        Assert.That(Changes.Where(r => r.Method == "DELETE").SelectMany(r => r.Path.TrimStart('/').Split(',')), Has.All.StartsWith("operate-"));
        Assert.That(Emulator.IndexNames, Is.SupersetOf(NotOurs));
    }

    [Test]
    public async Task List_from_a_webapps_service_names_each_backups_component_in_the_table_and_the_json()
    {
        await _engine.SeedAsync(Component.Operate);
        var old = await TakeCompletedBackupAsync(Component.Operate);
        var unified = await TakeCompletedBackupAsync(Component.Webapps);
        await using var service = ServiceHost.Start(_engine, Component.Webapps);
        var url = service.Http.BaseAddress!.ToString();

        var table = await Tool.RunAsync("list", "--url", url);
        var json = await Tool.RunAsync("list", "--json", "--url", url);

        Assert.That(table.ExitCode, Is.EqualTo(ExitCodes.Ok), table.ToString());
        Assert.That(table.Output, Does.Contain("Component"));
        var lines = table.Output.Split('\n');
        Assert.That(lines.Single(l => l.Contains($"{unified}", StringComparison.Ordinal)), Does.Contain("webapps").And.Contain("7/7"));
        Assert.That(lines.Single(l => l.Contains($"{old}", StringComparison.Ordinal)), Does.Contain("operate").And.Contain("6/6"));
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(json.Json)!.AsArray().Select(b => (string?)b!["component"]), Is.EqualTo(new[] { "webapps", "operate" }));
    }

    [Test]
    public async Task A_legacy_key_that_disagrees_with_the_8_8_key_is_a_usage_error()
    {
        var run = await Tool.RunAsync(
            "restore", "1", "--engine-url", _engine.Url.ToString(),
            "--camunda.data.backup.repository-name=camunda_backup", "--camunda.operate.backup.repositoryName=other");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("camunda.operate.backup.repositoryName 'other' disagrees with camunda.data.backup.repository-name"));
    }

    private string[] Restore(long id, string component, params string[] options) =>
    [
        "restore", $"{id}",
        "--engine-url", _engine.Url.ToString(),
        "--engine-type", _engine.Type.ToString().ToLowerInvariant(),
        "--repository", _engine.Repository,
        "--component", component,
        .. options,
    ];

    private async Task<long> TakeCompletedBackupAsync(Component component)
    {
        var id = _engine.NewBackupId();
        await using var service = ServiceHost.Start(_engine, component);
        using var created = await service.CreateAsync(id);
        Assert.That((string?)(await service.WaitUntilSettledAsync(id))["state"], Is.EqualTo("COMPLETED"));
        return id;
    }
}
