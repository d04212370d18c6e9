using System.Net;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>The whole platform backed up under one id, in the version's order, and deleted whole, over HTTP.</summary>
[TestFixture(EngineFlavor.Elasticsearch8, "8.7")]
[TestFixture(EngineFlavor.OpenSearch2, "8.7")]
[TestFixture(EngineFlavor.Elasticsearch8, "8.8")]
[TestFixture(EngineFlavor.OpenSearch2, "8.8")]
public sealed class PlatformStoryTests(EngineFlavor flavor, string line)
{
    private PlatformStack _stack = null!;
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await PlatformStack.StartAsync(flavor, line);
        _service = await _stack.StartServiceAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _service.Dispose();
        await _stack.DisposeAsync();
    }

    [TearDown]
    public void Reset()
    {
        _stack.Emulator.HoldSnapshots = false;
        _stack.Emulator.Faults.Reset();
        _stack.Zeebe.BrokerDown = false;
        _stack.Zeebe.PartialPause = false;
        _stack.Zeebe.FailBackupsWith = null;
        _stack.Zeebe.HoldBackups = false;
    }

    [Test, Order(1)]
    public async Task A_platform_backup_takes_every_component_in_the_versions_order_and_is_deleted_whole()
    {
        var id = _stack.Engine.NewBackupId();
        _stack.Emulator.HoldSnapshots = true;
        using (var created = await PlatformStack.CreateAsync(_service, id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        }

        // While the web applications' snapshots are held, exporting is already soft-paused on 8.8, not yet on 8.7.
        var webapp = line == "8.8" ? "webapps" : "operate";
        await PlatformStack.WaitForAsync(async () => (await _stack.Engine.SnapshotNamesAsync($"camunda_{webapp}_{id}_*")).Count > 0, "a webapps snapshot is taken");
        Assert.That(_stack.Zeebe.ExporterPhases, Is.All.EqualTo(line == "8.8" ? "SOFT_PAUSED" : "EXPORTING"));
        Assert.That(await _stack.Engine.SnapshotNamesAsync($"camunda_zeebe_records_backup_{id}"), Is.Empty, "no records snapshot before the webapps are done");
        _stack.Emulator.HoldSnapshots = false;

        var backup = await PlatformStack.WaitUntilSettledAsync(_service.Http, id);
        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"), backup.ToJsonString());
        var components = backup["components"]!.AsArray().Select(c => ((string?)c!["component"], (string?)c["state"])).ToList();
        Assert.That(components, Is.EquivalentTo(line == "8.8"
            ? new[] { ("zeebe", "COMPLETED"), ("webapps", "COMPLETED"), ("optimize", "COMPLETED") }
            : [("zeebe", "COMPLETED"), ("operate", "COMPLETED"), ("tasklist", "COMPLETED"), ("optimize", "COMPLETED")]));
        Assert.That((string?)backup["recordsSnapshot"]!["state"], Is.EqualTo("SUCCESS"));
        Assert.That(_stack.Zeebe.ExporterPhases, Is.All.EqualTo("EXPORTING"));
        var zeebePath = line == "8.8" ? "backupRuntime" : "backups";
        Assert.That(_stack.Zeebe.Calls.Where(c => c.StartsWith("POST", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "POST actuator/exporting/pause?soft=true", $"POST actuator/{zeebePath}", "POST actuator/exporting/resume" }));
        var records = _stack.Emulator.Requests.Single(r => r.Method == "PUT" && r.Path.Contains($"camunda_zeebe_records_backup_{id}", StringComparison.Ordinal));
        Assert.That(records.Body, Does.Contain("\"indices\":\"zeebe-record*\""));

        using (var list = await _service.Http.GetAsync("actuator/platform/backups"))
        {
            Assert.That((await BackupApi.ReadAsync(list)).AsArray().Select(b => (long?)b!["backupId"]), Does.Contain((long?)id));
        }

        using (var deleted = await _service.Http.DeleteAsync($"actuator/platform/backups/{id}"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(await _stack.Engine.SnapshotNamesAsync($"camunda_*_{id}*"), Is.Empty);
        Assert.That(_stack.Zeebe.HasBackup(id), Is.False);
        using var gone = await _service.Http.GetAsync($"actuator/platform/backups/{id}");
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_id_not_above_every_earlier_one_is_refused_and_only_one_platform_backup_runs_at_a_time()
    {
        _stack.Emulator.HoldSnapshots = true;
        var id = _stack.Engine.NewBackupId();
        using (var created = await PlatformStack.CreateAsync(_service, id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        using (var second = await PlatformStack.CreateAsync(_service, _stack.Engine.NewBackupId()))
        {
            await BackupApi.AssertProblemAsync(second, HttpStatusCode.BadRequest, $"Platform backup {id} is being taken: one platform backup at a time");
        }

        _stack.Emulator.HoldSnapshots = false;
        await PlatformStack.WaitUntilSettledAsync(_service.Http, id);
        using var lower = await PlatformStack.CreateAsync(_service, id - 1);
        await BackupApi.AssertProblemAsync(lower, HttpStatusCode.BadRequest, "must be greater than every earlier one");
    }

    [Test]
    public async Task The_next_platform_backup_is_accepted_as_soon_as_the_last_shows_COMPLETED_though_its_lock_is_not_released_yet()
    {
        _stack.RefuseLockReleases();
        var last = _stack.Engine.NewBackupId();
        using (var created = await PlatformStack.CreateAsync(_service, last))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        }

        var ended = await PlatformStack.WaitUntilSettledAsync(_service.Http, last);
        Assert.That((string?)ended["state"], Is.EqualTo("COMPLETED"), ended.ToJsonString());
        Assert.That(await _stack.IsLockedAsync(), Is.True, "the lock of the completed backup is still in the engine");

        var next = _stack.Engine.NewBackupId();
        using (var created = await PlatformStack.CreateAsync(_service, next))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        }

        var backup = await PlatformStack.WaitUntilSettledAsync(_service.Http, next);
        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"), backup.ToJsonString());
    }

    [TestCase("broker down", "soft-pause-exporting")]
    [TestCase("partial pause", "soft-pause-exporting")]
    [TestCase("failing backup", "await-backup zeebe")]
    public async Task A_failed_step_fails_the_platform_backup_naming_it_and_exporting_is_resumed(string fault, string step)
    {
        var id = _stack.Engine.NewBackupId();
        var resumes = _stack.Zeebe.Calls.Count(c => c == "POST actuator/exporting/resume");
        switch (fault)
        {
            case "broker down":
                _stack.Zeebe.BrokerDown = true;
                break;
            case "partial pause":
                _stack.Zeebe.PartialPause = true;
                break;
            default:
                _stack.Zeebe.FailBackupsWith = "the backup store is full";
                break;
        }

        using (var created = await PlatformStack.CreateAsync(_service, id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        if (fault == "broker down")
        {
            // The broker comes back while the service retries the resume.
            await PlatformStack.WaitForAsync(() => Task.FromResult(_stack.Zeebe.Calls.Count(c => c == "POST actuator/exporting/resume") > resumes), "a resume was tried");
            _stack.Zeebe.BrokerDown = false;
        }

        var backup = await PlatformStack.WaitUntilSettledAsync(_service.Http, id);
        Assert.That((string?)backup["state"], Is.EqualTo("FAILED"));
        Assert.That((string?)backup["failureReason"], Does.StartWith($"zeebe failed at step '{step}'"));
        Assert.That(_stack.Zeebe.ExporterPhases, Is.All.EqualTo("EXPORTING"), "exporting resumed on every partition");
    }
}
