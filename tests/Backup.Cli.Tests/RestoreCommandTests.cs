using Backup.Domain;
using Backup.EndToEnd.Tests;
using Backup.EngineEmulator;

namespace Backup.Cli.Tests;

/// <summary>
/// restore against the engine (the emulator), after a backup the real service took: its refusals, its dry run, and a
/// restore that replaces Operate's indices while Tasklist's, on the same engine, stay untouched.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class RestoreCommandTests(EngineFlavor flavor)
{
    private EngineTarget _engine = null!;
    private BackupApi _service = null!;

    private EngineEmulator.EngineEmulator Emulator =>
        _engine.Emulator ?? throw new IgnoreException("This test reads the emulator's request log; it runs when BACKUP_E2E_ENGINE_URL is unset.");

    private IEnumerable<RecordedRequest> Changes => Emulator.Requests.Where(r => r.Method == "DELETE" || r.Path.EndsWith("/_restore", StringComparison.Ordinal));

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(Component.Operate);
        await _engine.SeedAsync(Component.Tasklist);
        _service = ServiceHost.Start(_engine, Component.Operate);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Test]
    public async Task Restore_refuses_a_backup_that_is_not_COMPLETED_and_changes_nothing()
    {
        var id = _engine.NewBackupId();
        Emulator.SetOutcome($"camunda_operate_{id}_8.7.0_part_3_of_6", SnapshotOutcome.Failed);
        Assert.That((string?)(await TakeBackupAsync(id))["state"], Is.EqualTo("FAILED"));
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "--delete-existing"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain($"Backup [{id}] is FAILED, not COMPLETED"));
        Assert.That(Changes, Is.Empty);
    }

    [Test]
    public async Task Restore_refuses_while_indices_of_the_backup_exist_unless_delete_existing_is_given()
    {
        var id = _engine.NewBackupId();
        await TakeCompletedBackupAsync(id);
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain("exist already").And.Contain("--delete-existing"));
        Assert.That(run.Output, Does.Contain("Plan: 6 parts, restored in this order"), "the plan is shown before the refusal");
        Assert.That(Changes, Is.Empty);
    }

    [Test]
    public async Task Dry_run_shows_every_part_in_order_with_its_indices_and_what_exists_and_changes_nothing()
    {
        var id = _engine.NewBackupId();
        await TakeCompletedBackupAsync(id);
        var before = Emulator.IndexNames.Order(StringComparer.Ordinal).ToList();
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "--dry-run", "--delete-existing"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var positions = Enumerable.Range(1, 6).Select(n => run.Output.IndexOf($"camunda_operate_{id}_8.7.0_part_{n}_of_6", StringComparison.Ordinal)).ToList();
        Assert.That(positions, Is.All.GreaterThanOrEqualTo(0), run.Output);
        Assert.That(positions, Is.Ordered, run.Output);
        Assert.That(run.Output, Does.Contain("operate-import-position-8.3.0_").And.Contain("operate-list-view-8.3.0_"));
        Assert.That(run.Output, Does.Contain("--delete-existing deletes these"));
        Assert.That(run.Output, Does.Contain("Dry run").And.Contain("would go ahead"));
        Assert.That(run.Output, Does.Not.Contain("tasklist-"));
        Assert.That(Changes, Is.Empty);
        Assert.That(Emulator.IndexNames.Order(StringComparer.Ordinal), Is.EqualTo(before));
    }

    [Test]
    public async Task Restore_with_delete_existing_replaces_exactly_the_backups_indices_part_by_part_and_leaves_tasklist_alone()
    {
        var id = _engine.NewBackupId();
        await TakeCompletedBackupAsync(id);
        await _engine.CreateIndexAsync("operate-made-later-1.0.0_");
        var tasklist = Emulator.IndexNames.Where(i => i.StartsWith("tasklist-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "--delete-existing", "--yes"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("Verified: all").And.Contain("Next:"));
        var restores = Changes.Where(r => r.Method == "POST").Select(r => r.Path).ToList();
        Assert.That(restores, Is.EqualTo(Enumerable.Range(1, 6).Select(n => $"/_snapshot/{_engine.Repository}/camunda_operate_{id}_8.7.0_part_{n}_of_6/_restore")));
        Assert.That(Changes.Where(r => r.Method == "POST").Select(r => r.Query), Is.All.Contains("wait_for_completion=true"));
        var deleted = Changes.Where(r => r.Method == "DELETE").SelectMany(r => r.Path.TrimStart('/').Split(',')).ToList();
        Assert.That(deleted, Is.Not.Empty.And.All.StartsWith("operate-"));
        Assert.That(deleted, Does.Not.Contain("operate-made-later-1.0.0_"));
        Assert.That(deleted, Has.None.Contains("*"));
        Assert.That(Emulator.IndexNames, Does.Contain("operate-made-later-1.0.0_"));
        Assert.That(Emulator.IndexNames.Where(i => i.StartsWith("tasklist-", StringComparison.Ordinal)).Order(StringComparer.Ordinal), Is.EqualTo(tasklist));
    }

    [Test]
    public async Task Restore_into_an_engine_without_the_indices_brings_every_index_back_and_verifies_it()
    {
        var id = _engine.NewBackupId();
        await TakeCompletedBackupAsync(id);
        var operate = Emulator.IndexNames.Where(i => i.StartsWith("operate-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        foreach (var index in operate)
        {
            using var deleted = await _engine.Rest.DeleteAsync(index);
        }

        Assert.That(Emulator.IndexNames, Has.None.StartsWith("operate-"));
        Emulator.ClearRequests();

        // Configured the way the service is: configuration switches, not the tool's own options.
        var run = await Tool.RunAsync(
            "restore", $"{id}",
            $"--Database:Url={_engine.Url}",
            $"--Database:Type={_engine.Type}",
            $"--camunda.operate.backup.repositoryName={_engine.Repository}");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain($"Verified: all {operate.Count} indices of backup {id} exist again"));
        Assert.That(Emulator.IndexNames.Where(i => i.StartsWith("operate-", StringComparison.Ordinal)).Order(StringComparer.Ordinal), Is.EqualTo(operate));
        Assert.That(Changes.Where(r => r.Method == "DELETE"), Is.Empty);
    }

    [Test]
    public async Task A_part_the_engine_refuses_stops_the_restore_there_with_exit_code_8_naming_the_part()
    {
        var id = _engine.NewBackupId();
        await TakeCompletedBackupAsync(id);
        var part2 = $"camunda_operate_{id}_8.7.0_part_2_of_6";
        Emulator.Faults.Only = r => r.Path.EndsWith($"{part2}/_restore", StringComparison.Ordinal);
        Emulator.Faults.StatusCode = 500;
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "--delete-existing", "--yes"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain($"Part 2 of 6 ({part2}) could not be restored"));
        Assert.That(Changes.Count(r => r.Method == "POST"), Is.EqualTo(2), "part 1, then part 2 refused, then nothing");
        Assert.That(run.Output, Does.Not.Contain("Verified"));
    }

    [Test]
    public async Task Restore_with_delete_existing_and_no_terminal_deletes_nothing_without_yes()
    {
        var id = _engine.NewBackupId();
        await TakeCompletedBackupAsync(id);
        var before = Emulator.IndexNames.Order(StringComparer.Ordinal).ToList();
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore(id, "--delete-existing"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain("there is no terminal to ask").And.Contain("add --yes"));
        Assert.That(Changes, Is.Empty);
        Assert.That(Emulator.IndexNames.Order(StringComparer.Ordinal), Is.EqualTo(before));
    }

    [Test]
    public async Task Restore_of_an_unknown_backup_exits_9()
    {
        var run = await Tool.RunAsync(Restore(_engine.NewBackupId()));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NotFound), run.ToString());
        Assert.That(run.Error, Does.Contain("No operate backup with ID"));
    }

    [Test]
    public async Task Restore_exits_7_when_the_engine_cannot_be_reached()
    {
        var run = await Tool.RunAsync("restore", "1", "--engine-url", $"http://127.0.0.1:{Tool.ClosedPort()}", "--repository", "camunda_backup");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Unreachable), run.ToString());
        Assert.That(run.Error, Does.Contain("could not be reached"));
    }

    [TestCase("--engine-url", "http://127.0.0.1:1", "--component", "optimize")]
    [TestCase("--engine-url", "http://127.0.0.1:1", "--Backup:RepositoryName", "camunda_backup")]
    public async Task Restore_refuses_bad_configuration_as_a_usage_error(params string[] options)
    {
        var run = await Tool.RunAsync(["restore", "1", "--repository", "x", .. options]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
    }

    [Test]
    public async Task Restore_without_a_repository_says_which_setting_is_missing()
    {
        var run = await Tool.RunAsync("restore", "1", "--engine-url", _engine.Url.ToString());

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("Backup:RepositoryName"));
    }

    private string[] Restore(long id, params string[] options)
    {
        List<string> args =
        [
            "restore", $"{id}",
            "--engine-url", _engine.Url.ToString(),
            "--engine-type", _engine.Type.ToString().ToLowerInvariant(),
            "--repository", _engine.Repository,
            "--component", "operate",
            "--index-prefix", EngineTarget.PrefixFor(Component.Operate),
        ];
        if (_engine.Username is not null)
        {
            args.Add($"--Database:Username={_engine.Username}");
            args.Add($"--Database:Password={_engine.Password}");
        }

        return [.. args, .. options];
    }

    private async Task<System.Text.Json.Nodes.JsonNode> TakeBackupAsync(long id)
    {
        using var created = await _service.CreateAsync(id);
        return await _service.WaitUntilSettledAsync(id);
    }

    private async Task TakeCompletedBackupAsync(long id) =>
        Assert.That((string?)(await TakeBackupAsync(id))["state"], Is.EqualTo("COMPLETED"));
}
