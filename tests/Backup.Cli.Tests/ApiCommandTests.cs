using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EndToEnd.Tests;
using Backup.EngineEmulator;

namespace Backup.Cli.Tests;

/// <summary>create, status, list and delete against the real service, which runs against the emulator.</summary>
public sealed class ApiCommandTests
{
    private EngineTarget _engine = null!;
    private BackupApi _service = null!;

    private string Url => _service.Http.BaseAddress!.ToString();

    private EngineEmulator.EngineEmulator Emulator =>
        _engine.Emulator ?? throw new IgnoreException("This test needs the emulator's switches; it runs when BACKUP_E2E_ENGINE_URL is unset.");

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        await _engine.SeedAsync(Component.Operate);
        _service = ServiceHost.Start(_engine, Component.Operate);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Test]
    public async Task Create_with_wait_follows_the_backup_to_COMPLETED_and_exits_0()
    {
        var id = _engine.NewBackupId();

        var run = await Tool.RunAsync("create", $"{id}", "--wait", "--interval", "0.05", "--timeout", "60", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain($"Backup {id}: COMPLETED"));
        Assert.That(run.Output, Does.Contain("6/6 parts done"));
        Assert.That(run.Output, Does.Contain($"camunda_operate_{id}_8.7.0_part_6_of_6"));
    }

    [Test]
    public async Task Tables_fit_an_80_column_terminal_without_breaking_a_snapshot_name()
    {
        var id = _engine.NewBackupId();
        Emulator.SetOutcome($"camunda_operate_{id}_8.7.0_part_2_of_6", SnapshotOutcome.Failed);
        using (await _service.CreateAsync(id))
        {
            await _service.WaitUntilSettledAsync(id);
        }

        var status = await Tool.RunAsync(interactive: true, 80, "status", $"{id}", "--url", Url);
        var list = await Tool.RunAsync(interactive: true, 80, "list", "--url", Url);

        foreach (var run in new[] { status, list })
        {
            Assert.That(run.Output.Split('\n').Select(l => l.TrimEnd('\r')), Has.All.Length.LessThanOrEqualTo(80), run.Output);
        }

        Assert.That(status.Output, Does.Contain($"camunda_operate_{id}_8.7.0_part_1_of_6"), status.Output);
        Assert.That(status.Output, Does.Contain($"camunda_operate_{id}_8.7.0_part_2_of_6"), status.Output);
        Assert.That(list.Output, Does.Contain($"{id}").And.Contain("FAILED").And.Contain($"camunda_operate_{id}_8.7.0_part_2_of_6"), list.Output);
    }

    [Test]
    public async Task In_a_terminal_the_wait_shows_live_progress_and_ends_with_the_parts_table()
    {
        var id = _engine.NewBackupId();

        var run = await Tool.RunAsync(interactive: true, "create", $"{id}", "--wait", "--interval", "0.05", "--timeout", "60", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("parts done"));
        Assert.That(run.Output, Does.Contain($"Backup {id}: COMPLETED"));
    }

    [Test]
    public async Task Status_wait_ends_on_FAILED_with_exit_code_3()
    {
        var id = _engine.NewBackupId();
        Emulator.SetOutcome($"camunda_operate_{id}_8.7.0_part_2_of_6", SnapshotOutcome.Failed);
        using var created = await _service.CreateAsync(id);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await Tool.RunAsync("status", $"{id}", "--wait", "--interval", "0.05", "--timeout", "120", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed), run.ToString());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "the wait ends on FAILED, not at the timeout");
        Assert.That(run.Output, Does.Contain($"Backup {id}: FAILED"));
        Assert.That(run.Output, Does.Contain($"There were failures with the following snapshots: camunda_operate_{id}_8.7.0_part_2_of_6"));
    }

    [TestCase(SnapshotOutcome.Success, ExitCodes.Incomplete, "INCOMPLETE")]
    [TestCase(SnapshotOutcome.Incompatible, ExitCodes.Incompatible, "INCOMPATIBLE")]
    public async Task Status_wait_ends_at_once_on_a_backup_that_will_never_complete(SnapshotOutcome outcome, int exitCode, string state)
    {
        // Three of six parts, the last ended an hour ago: nobody is taking the rest any more.
        var id = _engine.NewBackupId();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var part in Enumerable.Range(1, 3))
        {
            Emulator.AddSnapshot(_engine.Repository, $"camunda_operate_{id}_8.7.0_part_{part}_of_6", ["operate-import-position-8.3.0_"], outcome, start.AddSeconds(part));
        }

        Emulator.ClearRequests();

        var run = await Tool.RunAsync("status", $"{id}", "--wait", "--interval", "0.05", "--timeout", "60", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
        Assert.That(run.Output, Does.Contain($"Backup {id}: {state}"));
        Assert.That(Emulator.Requests.Count(r => r.Path.Contains($"_{id}_", StringComparison.Ordinal)), Is.EqualTo(1),
            "one look is enough: the wait does not poll a backup that has ended");
    }

    [Test]
    public async Task Status_wait_gives_up_at_the_timeout_with_exit_code_6_and_says_the_backup_goes_on()
    {
        var id = _engine.NewBackupId();
        Emulator.HoldSnapshots = true;
        using var created = await _service.CreateAsync(id);

        var run = await Tool.RunAsync("status", $"{id}", "--wait", "--interval", "0.05", "--timeout", "0.5", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InProgress), run.ToString());
        Assert.That(run.Error, Does.Contain("still IN_PROGRESS after 0.5 s"));
        Assert.That(run.Output, Does.Contain("1 running"));
    }

    [Test]
    public async Task Status_without_wait_of_a_running_backup_exits_6_at_once()
    {
        var id = _engine.NewBackupId();
        Emulator.HoldSnapshots = true;
        using var created = await _service.CreateAsync(id);

        var run = await Tool.RunAsync("status", $"{id}", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InProgress), run.ToString());
        Assert.That(run.Output, Does.Contain($"Backup {id}: IN_PROGRESS"));
    }

    [Test]
    public async Task An_engine_the_service_cannot_reach_is_exit_code_7_with_the_services_reason()
    {
        Emulator.Faults.DropConnections = true;

        var run = await Tool.RunAsync("list", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Unreachable), run.ToString());
        Assert.That(run.Error, Does.Contain("The service cannot reach the engine"));
    }

    [Test]
    public async Task Status_json_is_the_services_own_answer_and_the_exit_code_is_the_state()
    {
        var id = _engine.NewBackupId();
        await CreateCompletedAsync(id);

        var run = await Tool.RunAsync("status", $"{id}", "--json", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var json = JsonNode.Parse(run.Json)!;
        Assert.That((long)json["backupId"]!, Is.EqualTo(id));
        Assert.That((string?)json["state"], Is.EqualTo("COMPLETED"));
        Assert.That(json.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "backupId", "state", "failureReason", "details" }));
        Assert.That(json["details"]!.AsArray(), Has.Count.EqualTo(6));
        Assert.That(run.Json, Does.Contain("+0000\""), "times as the service writes them, '+' unescaped");
        Assert.That(run.Output, Is.Empty, "nothing but JSON on stdout");
    }

    [Test]
    public async Task List_shows_every_backup_newest_first_as_a_table_or_as_json_and_narrows_by_pattern()
    {
        var older = _engine.NewBackupId();
        var newer = _engine.NewBackupId();
        await CreateCompletedAsync(older);
        await CreateCompletedAsync(newer);

        var table = await Tool.RunAsync("list", "--url", Url);
        var json = await Tool.RunAsync("list", "--json", "--url", Url);
        var narrowed = await Tool.RunAsync("list", "--json", "--pattern", $"{older}", "--url", Url);

        Assert.That(table.ExitCode, Is.EqualTo(ExitCodes.Ok), table.ToString());
        Assert.That(table.Output, Does.Contain($"{newer}").And.Contain($"{older}").And.Contain("6/6"));
        Assert.That(table.Output.IndexOf($"{newer}", StringComparison.Ordinal), Is.LessThan(table.Output.IndexOf($"{older}", StringComparison.Ordinal)));
        Assert.That(json.ExitCode, Is.EqualTo(ExitCodes.Ok), json.ToString());
        Assert.That(JsonNode.Parse(json.Json)!.AsArray().Select(b => (long)b!["backupId"]!), Is.EqualTo(new[] { newer, older }));
        Assert.That(JsonNode.Parse(narrowed.Json)!.AsArray().Select(b => (long)b!["backupId"]!), Is.EqualTo(new[] { older }));
    }

    [Test]
    public async Task Delete_removes_the_backup_then_status_and_a_second_delete_exit_9()
    {
        var id = _engine.NewBackupId();
        await CreateCompletedAsync(id);

        var deleted = await Tool.RunAsync("delete", $"{id}", "--url", Url);
        var status = await Tool.RunAsync("status", $"{id}", "--url", Url);
        var again = await Tool.RunAsync("delete", $"{id}", "--url", Url);

        Assert.That(deleted.ExitCode, Is.EqualTo(ExitCodes.Ok), deleted.ToString());
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_operate_{id}_*"), Is.Empty);
        Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.NotFound), status.ToString());
        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.NotFound), again.ToString());
        Assert.That(again.Error, Does.Contain($"No backup with id [{id}] found"));
    }

    [Test]
    public async Task Create_of_an_existing_id_is_refused_with_exit_code_8_and_the_services_message()
    {
        var id = _engine.NewBackupId();
        await CreateCompletedAsync(id);

        var run = await Tool.RunAsync("create", $"{id}", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain($"A backup with ID [{id}] already exists"));
    }

    [TestCase("status", "+0")]
    [TestCase("create", "-5")]
    [TestCase("delete", "12x")]
    public async Task An_id_that_is_not_a_non_negative_integer_is_a_usage_error(string command, string id)
    {
        var run = await Tool.RunAsync(command, id, "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain("BackupId must be a non-negative"));
    }

    [TestCase("list", "localhost:9600")]
    [TestCase("status", "ftp://localhost:9600")]
    [TestCase("delete", "9600")]
    public async Task A_url_without_an_http_scheme_is_a_usage_error_that_says_so(string command, string url)
    {
        var run = await Tool.RunAsync([command, .. command == "list" ? Array.Empty<string>() : ["1"], "--url", url]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain($"--url (or $BACKUP_URL) must be an http or https URL").And.Contain($"not '{url}'"));
    }

    [Test]
    public async Task BACKUP_URL_without_a_scheme_is_a_usage_error_that_says_so()
    {
        var before = Environment.GetEnvironmentVariable("BACKUP_URL");
        Environment.SetEnvironmentVariable("BACKUP_URL", "localhost:9600");
        try
        {
            var run = await Tool.RunAsync("list");

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
            Assert.That(run.Error, Does.Contain("not 'localhost:9600'"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BACKUP_URL", before);
        }
    }

    [TestCase("0")]
    [TestCase("61")]
    [TestCase("-1")]
    public async Task An_interval_outside_its_range_is_a_usage_error_and_nothing_is_created(string interval)
    {
        var id = _engine.NewBackupId();

        var run = await Tool.RunAsync("create", $"{id}", "--wait", "--interval", interval, "--url", Url);
        var status = await Tool.RunAsync("status", $"{id}", "--url", Url);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
        Assert.That(run.Error, Does.Contain($"--interval takes seconds from 0.05 to 60, not {interval}."));
        Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.NotFound), status.ToString());
    }

    [TestCase("list")]
    [TestCase("status", "1")]
    [TestCase("status", "1", "--wait")]
    [TestCase("create", "1", "--wait")]
    [TestCase("delete", "1")]
    public async Task Every_command_exits_7_when_the_service_cannot_be_reached(params string[] args)
    {
        var run = await Tool.RunAsync([.. args, "--url", $"http://127.0.0.1:{Tool.ClosedPort()}"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Unreachable), run.ToString());
        Assert.That(run.Error, Does.Contain("cannot be reached"));
    }

    [Test]
    public async Task An_unknown_command_or_option_is_a_usage_error()
    {
        var command = await Tool.RunAsync("backup-everything");
        var option = await Tool.RunAsync("list", "--colour");

        Assert.That(command.ExitCode, Is.EqualTo(ExitCodes.Usage), command.ToString());
        Assert.That(option.ExitCode, Is.EqualTo(ExitCodes.Usage), option.ToString());
    }

    [Test]
    public async Task The_api_key_is_sent_as_X_API_Key_and_without_it_a_protected_service_refuses_with_exit_code_8()
    {
        const string key = "cli-test-key-0123456789";
        await using var protectedService = ServiceHost.Start(_engine, Component.Operate, settings =>
        {
            settings["Management:Auth:ApiKeys:0:Name"] = "ops";
            settings["Management:Auth:ApiKeys:0:Key"] = key;
            settings["Management:Auth:ApiKeys:0:Rights"] = "Write";
        });
        var url = protectedService.Http.BaseAddress!.ToString();

        var without = await Tool.RunAsync("list", "--url", url);
        var with = await Tool.RunAsync("list", "--url", url, "--api-key", key);

        Assert.That(without.ExitCode, Is.EqualTo(ExitCodes.Refused), without.ToString());
        Assert.That(without.Error, Does.Contain("--api-key"));
        Assert.That(with.ExitCode, Is.EqualTo(ExitCodes.Ok), with.ToString());
    }

    private async Task CreateCompletedAsync(long id)
    {
        using var created = await _service.CreateAsync(id);
        var backup = await _service.WaitUntilSettledAsync(id);
        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"), backup.ToJsonString());
    }
}
