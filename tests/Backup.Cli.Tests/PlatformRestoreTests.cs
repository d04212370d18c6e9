using Backup.Domain;
using Backup.EndToEnd.Tests;
using Backup.EngineEmulator;
using Backup.EngineEmulator.Platform;

namespace Backup.Cli.Tests;

/// <summary>
/// <c>backup platform restore</c> against the engine (the emulator), after a platform backup the real service took of
/// an emulated platform, on the 8.7 line (Operate and Tasklist) and the 8.8 line (the unified webapps backup).
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8, "8.7")]
[TestFixture(EngineFlavor.OpenSearch2, "8.8")]
public sealed class PlatformRestoreTests(EngineFlavor flavor, string line)
{
    private readonly List<BackupApi> _webapps = [];
    private EngineTarget _engine = null!;
    private ZeebeGatewayEmulator _zeebe = null!;
    private OptimizeEmulator _optimize = null!;
    private BackupApi _service = null!;
    private long _id;

    private EngineEmulator.EngineEmulator Emulator => _engine.Emulator!;

    private IEnumerable<RecordedRequest> Changes => Emulator.Requests.Where(r => r.Method == "DELETE" || r.Path.EndsWith("/_restore", StringComparison.Ordinal));

    private string OptimizeVersion => line == "8.8" ? "8.8.0" : "8.7.1";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (EngineTarget.IsReal)
        {
            Assert.Ignore("Zeebe and Optimize are emulated, and would write beside real data.");
        }

        _engine = await EngineTarget.StartAsync(flavor);
        foreach (var component in line == "8.8" ? [Component.Webapps] : new[] { Component.Operate, Component.Tasklist })
        {
            await _engine.SeedAsync(component, withDatedCopies: false);
            _webapps.Add(ServiceHost.Start(_engine, component));
        }

        await _engine.CreateIndexAsync("zeebe-record_process-instance_8.7.0_2026-11-29");
        _zeebe = await ZeebeGatewayEmulator.StartAsync(line);
        _optimize = await OptimizeEmulator.StartAsync(_engine.Url, _engine.Repository, OptimizeVersion);
        _service = ServiceHost.Start(_engine, Component.Operate, settings =>
        {
            foreach (var (key, value) in PlatformSettings())
            {
                settings[key] = value;
            }

            settings["Platform:PollInterval"] = "00:00:00.050";
        });
        _id = _engine.NewBackupId();
        var created = await Tool.RunAsync("platform", "create", $"{_id}", "--wait", "--interval", "0.05", "--url", _service.Http.BaseAddress!.ToString());
        Assert.That(created.ExitCode, Is.EqualTo(ExitCodes.Ok), created.ToString());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        foreach (var webapp in _webapps)
        {
            await webapp.DisposeAsync();
        }

        await _zeebe.DisposeAsync();
        await _optimize.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Dry_run_shows_every_snapshot_in_the_order_taken_and_the_zeebe_step_and_changes_nothing()
    {
        var before = Emulator.IndexNames.Order(StringComparer.Ordinal).ToList();
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore("--dry-run", "--delete-existing"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        var positions = (await SnapshotsInOrderAsync()).Select(s => run.Output.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.That(positions, Is.All.GreaterThanOrEqualTo(0), run.Output);
        Assert.That(positions, Is.Ordered, run.Output);
        Assert.That(run.Output, Does.Contain("--delete-existing deletes these").And.Contain("Dry run").And.Contain("would go ahead"));
        Assert.That(run.Output, Does.Contain($"ZEEBE_RESTORE_FROM_BACKUP_ID={_id}").And.Contain("SAME partition count"));
        Assert.That(run.Output, line == "8.8" ? Does.Contain("SPRING_PROFILES_ACTIVE=restore ZEEBE_RESTORE=true") : Does.Contain("/usr/local/camunda/bin/restore"));
        Assert.That(Changes, Is.Empty);
        Assert.That(Emulator.IndexNames.Order(StringComparer.Ordinal), Is.EqualTo(before));
    }

    [Test, Order(2)]
    public async Task Without_delete_existing_the_existing_indices_are_named_and_nothing_changes()
    {
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore());

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain("exist already").And.Contain("--delete-existing"));
        Assert.That(Changes, Is.Empty);
    }

    [Test, Order(3)]
    public async Task Delete_existing_replaces_exactly_the_backups_own_indices_restores_every_snapshot_in_order_and_verifies()
    {
        string[] lookAlikes = ["operate-made-later-1.0.0_", "optimize-made-later_v1", "zeebe-record_made-later", "optimizer-notes"];
        foreach (var index in lookAlikes)
        {
            await _engine.CreateIndexAsync(index);
        }

        var before = Emulator.IndexNames.Order(StringComparer.Ordinal).ToList();
        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore("--delete-existing", "--yes"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.ToString());
        Assert.That(run.Output, Does.Contain("Verified: all").And.Contain("Next, Zeebe"));
        var restored = Changes.Where(r => r.Method == "POST").Select(r => r.Path).ToList();
        var holdingIndices = (await SnapshotsInOrderAsync()).Where(s => !run.Output.Contains($"({s}): it holds no index", StringComparison.Ordinal));
        Assert.That(restored, Is.EqualTo(holdingIndices.Select(s => $"/_snapshot/{_engine.Repository}/{s}/_restore")));
        var deleted = Changes.Where(r => r.Method == "DELETE").SelectMany(r => r.Path.TrimStart('/').Split(',')).ToList();
        Assert.That(deleted, Is.Not.Empty.And.None.Contains("*"));
        Assert.That(deleted, Is.EquivalentTo(before.Except(lookAlikes).Where(i => !i.StartsWith("backup-platform", StringComparison.Ordinal))),
            "every index of the backup, and only those");
        Assert.That(Emulator.IndexNames.Order(StringComparer.Ordinal), Is.EqualTo(before), "the look-alikes survive, the rest is back");
    }

    [Test, Order(4)]
    public async Task A_missing_part_is_refused_naming_the_component_and_the_part_and_nothing_changes()
    {
        using (var removed = await _engine.Rest.DeleteAsync($"_snapshot/{_engine.Repository}/camunda_optimize_{_id}_{OptimizeVersion}_part_2_of_2"))
        {
            removed.EnsureSuccessStatusCode();
        }

        Emulator.ClearRequests();

        var run = await Tool.RunAsync(Restore("--delete-existing", "--yes"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Refused), run.ToString());
        Assert.That(run.Error, Does.Contain("optimize: part 2 of 2 is missing"));
        Assert.That(Changes, Is.Empty);
    }

    [Test]
    public async Task A_platform_backup_that_failed_or_does_not_exist_is_refused_with_its_exit_code()
    {
        var failed = _engine.NewBackupId();
        _zeebe.FailBackupsWith = "the backup store is full";
        try
        {
            var created = await Tool.RunAsync("platform", "create", $"{failed}", "--wait", "--interval", "0.05", "--url", _service.Http.BaseAddress!.ToString());
            Assert.That(created.ExitCode, Is.EqualTo(ExitCodes.Failed), created.ToString());
        }
        finally
        {
            _zeebe.FailBackupsWith = null;
        }

        Emulator.ClearRequests();
        var refused = await Tool.RunAsync(Restore(failed, "--delete-existing", "--yes"));
        var unknown = await Tool.RunAsync(Restore(_engine.NewBackupId(), "--dry-run"));

        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Refused), refused.ToString());
        Assert.That(refused.Error, Does.Contain($"Platform backup {failed} FAILED (zeebe failed at step 'await-backup zeebe'"));
        Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.NotFound), unknown.ToString());
        Assert.That(Changes, Is.Empty);
    }

    private IEnumerable<KeyValuePair<string, string>> PlatformSettings()
    {
        yield return new("Platform:Version", line);
        yield return new("Platform:Zeebe:Url", _zeebe.Url.ToString());
        yield return new("Platform:Optimize:Url", _optimize.Url.ToString());
        if (line == "8.8")
        {
            yield return new("Platform:Webapps:Url", _webapps[0].Http.BaseAddress!.ToString());
        }
        else
        {
            yield return new("Platform:Operate:Url", _webapps[0].Http.BaseAddress!.ToString());
            yield return new("Platform:Tasklist:Url", _webapps[1].Http.BaseAddress!.ToString());
        }
    }

    /// <summary>The documented order: the web applications as they were started (8.7: Optimize first), each part by part, then the records.</summary>
    private async Task<List<string>> SnapshotsInOrderAsync()
    {
        var components = line == "8.8" ? new[] { "webapps", "optimize" } : ["optimize", "operate", "tasklist"];
        var names = new List<string>();
        foreach (var component in components)
        {
            names.AddRange((await _engine.SnapshotNamesAsync($"camunda_{component}_{_id}_*")).OrderBy(n => int.Parse(n.Split('_')[^3], System.Globalization.CultureInfo.InvariantCulture)));
        }

        names.Add($"camunda_zeebe_records_backup_{_id}");
        return names;
    }

    private string[] Restore(params string[] options) => Restore(_id, options);

    private string[] Restore(long id, params string[] options) =>
    [
        "platform", "restore", $"{id}", .. options,
        "--engine-url", _engine.Url.ToString(), "--engine-type", _engine.Type.ToString(), "--repository", _engine.Repository,
        .. PlatformSettings().Select(s => $"--{s.Key}={s.Value}"),
    ];
}
