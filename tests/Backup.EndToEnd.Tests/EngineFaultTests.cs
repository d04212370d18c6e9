using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;
using Backup.Infrastructure.SnapshotApi;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.EndToEnd.Tests;

/// <summary>What the service does when parts fail, backups overlap, indices are missing or the engine misbehaves.</summary>
[TestFixtureSource(nameof(Flavors))]
public sealed class EngineFaultTests(EngineFlavor flavor)
{
    private const Component Operate = Component.Operate;
    private EngineTarget _engine = null!;
    private BackupApi _api = null!;

    public static IEnumerable<EngineFlavor> Flavors => Enum.GetValues<EngineFlavor>();

    private EngineEmulator.EngineEmulator Emulator =>
        _engine.Emulator ?? throw new IgnoreException("This test flips one of the emulator's fault switches, which a real engine does not have.");

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(Operate);
        _api = ServiceHost.Start(_engine, Operate);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [TestCase(SnapshotOutcome.Failed, "FAILED", "There were failures with the following snapshots: ")]
    [TestCase(SnapshotOutcome.Partial, "FAILED", "Some of the snapshots are partial: ")]
    [TestCase(SnapshotOutcome.Incompatible, "INCOMPATIBLE", "incompatible")]
    public async Task A_part_that_does_not_succeed_ends_the_backup_and_no_later_part_is_taken(
        SnapshotOutcome outcome, string state, string reason)
    {
        var id = _engine.NewBackupId();
        var part3 = $"camunda_operate_{id}_8.7.0_part_3_of_6";
        Emulator.SetOutcome(part3, outcome);

        using var created = await _api.CreateAsync(id);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var backup = await _api.WaitUntilSettledAsync(id);

        Assert.That((string?)backup["state"], Is.EqualTo(state));
        Assert.That((string?)backup["failureReason"], Does.Contain(reason).And.Contain(part3));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_second_backup_is_refused_while_one_is_running_and_accepted_once_it_finished()
    {
        Emulator.HoldSnapshots = true;
        var first = _engine.NewBackupId();
        var second = _engine.NewBackupId();
        using (var created = await _api.CreateAsync(first))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var refused = await _api.CreateAsync(second))
        {
            await BackupApi.AssertProblemAsync(refused, HttpStatusCode.BadRequest, $"Another backup is running at the moment (backup [{first}])");
        }

        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{second}_*"), Is.Empty);
        Emulator.HoldSnapshots = false;
        Assert.That((string?)(await _api.WaitUntilSettledAsync(first))["state"], Is.EqualTo("COMPLETED"));

        using var accepted = await _api.CreateAsync(second);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Deleting_a_backup_deletes_all_its_parts_whatever_their_version_and_nothing_else()
    {
        var index = $"{EngineTarget.PrefixFor(Operate)}-import-position-8.3.0_";
        var id = _engine.NewBackupId();
        string[] ours = [$"camunda_operate_{id}_8.6.0_part_1_of_6", $"camunda_operate_{id}_8.7.0_part_2_of_6"];
        string[] foreign =
        [
            $"camunda_operate_{id}0_8.7.0_part_1_of_6",
            $"camunda_operate_1{id}_8.7.0_part_1_of_6",
            $"camunda_tasklist_{id}_8.7.0_part_1_of_6",
            $"camunda_operate_{id}",
            $"daily-snap-{id}",
            "camunda_operate_abc_8.7.0_part_1_of_6",
        ];
        foreach (var name in ours.Concat(foreign))
        {
            await _engine.CreateForeignSnapshotAsync(name, index);
        }

        using var deleted = await _api.DeleteAsync(id);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var left = await _engine.SnapshotNamesAsync("*");
        Assert.That(left, Is.SupersetOf(foreign));
        Assert.That(left, Has.None.AnyOf(ours));
        await _engine.DeleteSnapshotsAsync(foreign);
    }

    [Test]
    public async Task Foreign_snapshots_in_the_repository_are_left_out_of_every_answer()
    {
        var index = $"{EngineTarget.PrefixFor(Operate)}-import-position-8.3.0_";
        var id = _engine.NewBackupId();
        string[] foreign =
        [
            $"daily-snap-{id}", $"camunda_tasklist_{id}_8.7.0_part_1_of_6", $"camunda_operate_0{id}_8.7.0_part_1_of_6",
            $"camunda_operate_{id}_8.7.0_part_1_of_06", $"camunda_operate_{id}_8_7_part_1_of_6", "camunda_operate_abc_8.7.0_part_1_of_6",
        ];
        foreach (var name in foreign)
        {
            await _engine.CreateForeignSnapshotAsync(name, index);
        }

        using var listed = await _api.ListAsync();
        using var get = await _api.GetAsync(id);
        using var delete = await _api.DeleteAsync(id);

        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await BackupApi.ReadAsync(listed)).AsArray().Select(b => (long)b!["backupId"]!), Has.None.EqualTo(id));
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await _engine.SnapshotNamesAsync("*"), Is.SupersetOf(foreign), "nothing foreign was deleted");
        await _engine.DeleteSnapshotsAsync(foreign);
    }

    [Test]
    public async Task Missing_required_indices_are_named_and_nothing_is_created()
    {
        await using var api = ServiceHost.Start(_engine, Operate, s => s["Backup:IndexPrefix"] = "nothing-here");
        var id = _engine.NewBackupId();

        using var created = await api.CreateAsync(id);

        await BackupApi.AssertProblemAsync(created, HttpStatusCode.InternalServerError, "Missing indices: [nothing-here-import-position-*_");
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Is.Empty);
    }

    [Test]
    public async Task A_Database_Type_that_does_not_match_the_engine_stops_the_service_and_says_which_it_is()
    {
        var wrong = _engine.Type == DatabaseType.Elasticsearch ? DatabaseType.OpenSearch : DatabaseType.Elasticsearch;
        var compatibility = new EngineCompatibility();
        await using var host = ServiceHost.Create(_engine.Url, _engine, Operate, s => s["Database:Type"] = wrong.ToString(),
            services => services.AddSingleton(compatibility));

        Assert.That(host.StartServer, Throws.Exception, "start-up is stopped");
        Assert.That(compatibility.Problem,
            Does.StartWith($"Database:Type is '{wrong.ToString().ToLowerInvariant()}' but the engine at {_engine.Url} is {_engine.Type}"));
    }

    [Test]
    public async Task An_engine_error_is_500_with_the_engines_reason()
    {
        Emulator.Faults.StatusCode = 500;
        Emulator.Faults.Only = request => request.Path.StartsWith("/_snapshot/", StringComparison.Ordinal);

        using var listed = await _api.ListAsync();

        await BackupApi.AssertProblemAsync(listed, HttpStatusCode.InternalServerError, "returned an error while reading the snapshots matching camunda_operate_*: 500");
    }

    [Test]
    public async Task An_engine_that_hangs_is_502_within_the_request_timeout()
    {
        Emulator.Faults.Hang = TimeSpan.FromMinutes(1);
        await using var api = ServiceHost.Start(_engine, Operate, s =>
        {
            s["Database:RequestTimeout"] = "00:00:00.300";
            s["Database:ReadRetries"] = "0";
        });

        using var listed = await api.ListAsync();

        await BackupApi.AssertProblemAsync(listed, HttpStatusCode.BadGateway, "no answer within 0.3 s");
    }
}
