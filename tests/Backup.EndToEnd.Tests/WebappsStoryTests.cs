using System.Net;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>Camunda 8.8's unified webapps backup, on every engine flavour: <c>/actuator/backupHistory</c> and its 8.8 codes.</summary>
[TestFixtureSource(nameof(Flavors))]
public sealed class WebappsStoryTests(EngineFlavor flavor)
{
    private EngineTarget _engine = null!;

    public static IEnumerable<EngineFlavor> Flavors => Enum.GetValues<EngineFlavor>();

    private static string Prefix => EngineTarget.PrefixFor(Component.Webapps);

    [SetUp]
    public async Task StartAsync() => _engine = await EngineTarget.StartAsync(flavor);

    [TearDown]
    public async Task StopAsync() => await _engine.DisposeAsync();

    [Test]
    public async Task An_aged_systems_backup_has_seven_parts_is_followed_to_COMPLETED_on_both_paths_listed_and_deleted()
    {
        await _engine.SeedAsync(Component.Webapps);
        await using var api = StartWebapps();
        var id = _engine.NewBackupId();
        var names = Names(id, 7);

        using var created = await api.CreateAsync(id);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        Assert.That((await BackupApi.ReadAsync(created))["scheduledSnapshots"]!.AsArray().Select(n => (string)n!), Is.EqualTo(names));

        var backup = await api.WaitUntilSettledAsync(id);
        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"));
        Assert.That(Details(backup), Is.EqualTo(names));
        Assert.That((string?)backup["component"], Is.EqualTo("webapps"));

        using var standalone = await api.Http.GetAsync($"actuator/backups/{id}");
        Assert.That((await BackupApi.ReadAsync(standalone)).ToJsonString(), Is.EqualTo(backup.ToJsonString()), "/actuator/backups answers the same");

        using var listed = await api.ListAsync($"?verbose=false&pattern={id}");
        var entry = (await BackupApi.ReadAsync(listed)).AsArray().Single()!;
        Assert.That(Details(entry), Is.EqualTo(names));

        using var again = await api.CreateAsync(id);
        await BackupApi.AssertProblemAsync(again, HttpStatusCode.BadRequest, $"A backup with ID [{id}] already exists");

        using var deleted = await api.DeleteAsync(id);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Is.Empty);
        using var gone = await api.GetAsync(id);
        await BackupApi.AssertProblemAsync(gone, HttpStatusCode.NotFound, $"No backup with id [{id}] found.");
    }

    [Test]
    public async Task A_five_part_and_a_six_part_backup_live_side_by_side_and_each_delete_removes_exactly_its_own_parts()
    {
        await _engine.SeedAsync(Component.Webapps, withDatedCopies: false);
        await using var api = StartWebapps();
        var fresh = _engine.NewBackupId();
        Assert.That(await TakeAsync(api, fresh), Is.EqualTo(Names(fresh, 5)), "a fresh system has no dated index: five parts");

        foreach (var index in CamundaIndices88.DatedListViews("2025-10-01", Prefix))
        {
            await _engine.CreateIndexAsync(index);
        }

        var aged = _engine.NewBackupId();
        Assert.That(await TakeAsync(api, aged), Is.EqualTo(Names(aged, 6)), "dated list views add their part");

        using var listed = await api.ListAsync();
        var list = (await BackupApi.ReadAsync(listed)).AsArray();
        Assert.That(list.Select(b => (long)b!["backupId"]!), Is.EqualTo(new[] { aged, fresh }));
        Assert.That(list.Select(b => (string?)b!["state"]), Is.All.EqualTo("COMPLETED"));

        using var deleted = await api.DeleteAsync(fresh);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{fresh}_*"), Is.Empty);
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{aged}_*"), Is.EqualTo(Names(aged, 6)));

        using var deletedToo = await api.DeleteAsync(aged);
        Assert.That(deletedToo.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{aged}_*"), Is.Empty);
    }

    [Test]
    public async Task A_missing_required_index_is_500_naming_every_one_and_nothing_is_created()
    {
        await _engine.SeedAsync(Component.Webapps);
        string[] missing = ["tasklist-import-position-8.2.0_", "camunda-user-8.8.0_"];
        foreach (var index in missing)
        {
            using var _ = await _engine.Rest.DeleteAsync(Prefixed(index));
        }

        await using var api = StartWebapps();
        var id = _engine.NewBackupId();

        using var created = await api.CreateAsync(id);

        await BackupApi.AssertProblemAsync(created, HttpStatusCode.InternalServerError,
            $"Missing indices: [{Prefixed("tasklist-import-position")}-*_, {Prefixed("camunda-user")}-*_]");
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Is.Empty);
    }

    [Test]
    public async Task Id_0_and_a_missing_repository_setting_are_400_for_webapps()
    {
        await _engine.SeedAsync(Component.Webapps, withDatedCopies: false);
        await using var api = StartWebapps();

        using var zero = await api.CreateAsync(0);
        await BackupApi.AssertProblemAsync(zero, HttpStatusCode.BadRequest, "Received value: 0");
        using var getZero = await api.GetAsync(0);
        await BackupApi.AssertProblemAsync(getZero, HttpStatusCode.BadRequest, "Received value: 0");

        await using var unconfigured = StartWebapps(s => s["Backup:RepositoryName"] = "");
        using var list = await unconfigured.ListAsync();
        await BackupApi.AssertProblemAsync(list, HttpStatusCode.BadRequest, "No backup repository configured.");
        using var create = await unconfigured.CreateAsync(_engine.NewBackupId());
        await BackupApi.AssertProblemAsync(create, HttpStatusCode.BadRequest, "No backup repository configured.");
    }

    [Test]
    public async Task After_an_upgrade_the_8_7_backups_are_listed_under_their_component_next_to_the_webapps_ones()
    {
        await _engine.SeedAsync(Component.Operate);
        await _engine.SeedAsync(Component.Tasklist);
        var operate = _engine.NewBackupId();
        var tasklist = _engine.NewBackupId();
        await using (var api = ServiceHost.Start(_engine, Component.Operate))
        {
            await TakeAsync(api, operate);
        }

        await using (var api = ServiceHost.Start(_engine, Component.Tasklist))
        {
            await TakeAsync(api, tasklist);
        }

        await _engine.SeedAsync(Component.Webapps, withDatedCopies: false);
        await using var webapps = StartWebapps();
        var unified = _engine.NewBackupId();
        var unifiedParts = await TakeAsync(webapps, unified);

        using var listed = await webapps.ListAsync();
        var list = (await BackupApi.ReadAsync(listed)).AsArray();
        Assert.That(list.Select(b => ((long)b!["backupId"]!, (string?)b["component"], (string?)b["state"])), Is.EqualTo(new[]
        {
            (unified, "webapps", "COMPLETED"), (tasklist, "tasklist", "COMPLETED"), (operate, "operate", "COMPLETED"),
        }));
        Assert.That(Details(list.Last()!), Has.All.StartsWith($"camunda_operate_{operate}_8.7.0_part_"));

        using var brief = await webapps.ListAsync("?verbose=false");
        Assert.That((await BackupApi.ReadAsync(brief)).AsArray().Select(b => (string?)b!["component"]), Is.EqualTo(new[] { "webapps", "tasklist", "operate" }));

        // An 8.7 client keeps the 8.7 shape: no component field.
        await using var operateAgain = ServiceHost.Start(_engine, Component.Operate);
        using var operateList = await operateAgain.ListAsync();
        var operateOnly = (await BackupApi.ReadAsync(operateList)).AsArray();
        Assert.That(operateOnly.Select(b => (long)b!["backupId"]!), Is.EqualTo(new[] { operate }));
        Assert.That(operateOnly[0]!.AsObject().ContainsKey("component"), Is.False);

        // GET and DELETE by id on webapps address webapps backups; the old one is deleted as operate.
        using var notWebapps = await webapps.GetAsync(operate);
        await BackupApi.AssertProblemAsync(notWebapps, HttpStatusCode.NotFound, $"No backup with id [{operate}] found.");
        using var deleted = await operateAgain.DeleteAsync(operate);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{operate}_*"), Is.Empty);
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{unified}_*"), Is.EqualTo(unifiedParts));
    }

    [Test]
    public async Task A_webapps_backup_interrupted_by_a_restart_is_finished_by_the_next_start_with_its_part_count()
    {
        await _engine.SeedAsync(Component.Webapps, withDatedCopies: false);
        var id = _engine.NewBackupId();
        _engine.Emulator?.HoldSnapshots = true;
        var api = StartWebapps();
        using (var created = await api.CreateAsync(id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await api.DisposeAsync();
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Has.Count.LessThan(5), "the service stopped mid-backup");
        _engine.Emulator?.HoldSnapshots = false;

        await using var restarted = StartWebapps();
        var backup = await restarted.WaitUntilSettledAsync(id);

        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Is.EqualTo(Names(id, 5)));
    }

    private BackupApi StartWebapps(Action<Dictionary<string, string?>>? adjust = null)
    {
        var api = ServiceHost.Start(_engine, Component.Webapps, adjust);
        api.Root = "actuator/backupHistory";
        return api;
    }

    private static async Task<IReadOnlyList<string>> TakeAsync(BackupApi api, long id)
    {
        using var created = await api.CreateAsync(id);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        var backup = await api.WaitUntilSettledAsync(id);
        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"), backup.ToJsonString());
        return Details(backup);
    }

    private static List<string> Details(JsonNode backup) => [.. backup["details"]!.AsArray().Select(d => (string)d!["snapshotName"]!)];

    private static string[] Names(long id, int parts) =>
        [.. Enumerable.Range(1, parts).Select(n => $"camunda_webapps_{id}_8.8.0_part_{n}_of_{parts}")];

    private static string Prefixed(string index) => Prefix.Length == 0 ? index : $"{Prefix}-{index}";
}
