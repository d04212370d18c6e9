using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EndToEnd.Tests;
using Backup.EngineEmulator;
using Backup.EngineEmulator.Platform;

namespace Backup.Cli.Tests;

/// <summary><c>backup platform ...</c> against the real service taking an emulated 8.8 platform's backups.</summary>
public sealed class PlatformToolTests
{
    private EngineTarget _engine = null!;
    private BackupApi _webapps = null!;
    private ZeebeGatewayEmulator _zeebe = null!;
    private OptimizeEmulator _optimize = null!;
    private BackupApi _service = null!;

    private string Url => _service.Http.BaseAddress!.ToString();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        await _engine.SeedAsync(Component.Webapps, withDatedCopies: false);
        _webapps = ServiceHost.Start(_engine, Component.Webapps);
        _zeebe = await ZeebeGatewayEmulator.StartAsync("8.8");
        _optimize = await OptimizeEmulator.StartAsync(_engine.Url, _engine.Repository);
        _service = ServiceHost.Start(_engine, Component.Operate, settings =>
        {
            settings["Platform:Version"] = "8.8";
            settings["Platform:Zeebe:Url"] = _zeebe.Url.ToString();
            settings["Platform:Webapps:Url"] = _webapps.Http.BaseAddress!.ToString();
            settings["Platform:Optimize:Url"] = _optimize.Url.ToString();
            settings["Platform:PollInterval"] = "00:00:00.050";
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        await _webapps.DisposeAsync();
        await _zeebe.DisposeAsync();
        await _optimize.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Create_wait_follows_every_component_status_list_and_delete_work_over_the_service()
    {
        var id = _engine.NewBackupId();
        var created = await Tool.RunAsync("platform", "create", $"{id}", "--wait", "--interval", "0.05", "--json", "--url", Url);
        Assert.That(created.ExitCode, Is.EqualTo(ExitCodes.Ok), created.ToString());
        var backup = JsonNode.Parse(created.Json)!;
        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"));
        Assert.That(created.Error, Does.Contain("webapps").And.Contain("optimize"), "progress per component goes to stderr with --json");

        var status = await Tool.RunAsync("platform", "status", $"{id}", "--url", Url);
        Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.Ok), status.ToString());
        Assert.That(status.Output, Does.Contain("COMPLETED").And.Contain("zeebe").And.Contain("records snapshot"));

        var list = await Tool.RunAsync("platform", "list", "--json", "--url", Url);
        Assert.That(JsonNode.Parse(list.Json)!.AsArray().Select(b => (long?)b!["backupId"]), Does.Contain((long?)id));

        var deleted = await Tool.RunAsync("platform", "delete", $"{id}", "--url", Url);
        Assert.That(deleted.ExitCode, Is.EqualTo(ExitCodes.Ok), deleted.ToString());
        var gone = await Tool.RunAsync("platform", "status", $"{id}", "--url", Url);
        Assert.That(gone.ExitCode, Is.EqualTo(ExitCodes.NotFound), gone.ToString());
    }

    [Test]
    public async Task A_failed_platform_backup_exits_3_naming_the_component_and_step()
    {
        _zeebe.FailBackupsWith = "the backup store is full";
        try
        {
            var run = await Tool.RunAsync("platform", "create", $"{_engine.NewBackupId()}", "--wait", "--interval", "0.05", "--url", Url);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed), run.ToString());
            Assert.That(run.Output, Does.Contain("zeebe failed at step 'await-backup zeebe'"));
        }
        finally
        {
            _zeebe.FailBackupsWith = null;
        }
    }
}
