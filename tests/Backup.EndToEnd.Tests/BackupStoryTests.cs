using System.Net;
using System.Net.Sockets;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>The API page's whole story, for both components on every engine flavour.</summary>
[TestFixtureSource(nameof(Targets))]
public sealed class BackupStoryTests(EngineFlavor flavor, Component component)
{
    private EngineTarget _engine = null!;
    private BackupApi _api = null!;

    public static IEnumerable<TestFixtureData> Targets =>
        from flavor in Enum.GetValues<EngineFlavor>()
        from component in new[] { Component.Operate, Component.Tasklist }
        select new TestFixtureData(flavor, component);

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(component);
        _api = ServiceHost.Start(_engine, component);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Test]
    public async Task A_backup_is_created_followed_to_COMPLETED_listed_refused_twice_and_deleted()
    {
        var id = _engine.NewBackupId();
        var names = Enumerable.Range(1, 6).Select(n => $"camunda_{component.Name()}_{id}_8.7.0_part_{n}_of_6").ToArray();

        using var created = await _api.CreateAsync(id);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        var scheduled = (await BackupApi.ReadAsync(created))["scheduledSnapshots"]!.AsArray().Select(n => (string)n!);
        Assert.That(scheduled, Is.EqualTo(names));

        var backup = await _api.WaitUntilSettledAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That((long)backup["backupId"]!, Is.EqualTo(id));
            Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"));
            Assert.That(backup.AsObject().ContainsKey("failureReason") && backup["failureReason"] is null, "failureReason is present and null");
            Assert.That(backup["details"]!.AsArray().Select(d => (string)d!["snapshotName"]!), Is.EqualTo(names));
            Assert.That(backup["details"]!.AsArray().Select(d => (string)d!["state"]!), Is.All.EqualTo("SUCCESS"));
            Assert.That(backup["details"]!.AsArray().Select(d => (string)d!["startTime"]!),
                Is.All.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$"));
            Assert.That(backup["details"]!.AsArray().Select(d => d!["failures"]!.AsArray().Count), Is.All.EqualTo(0));
        });
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Is.EqualTo(names));

        using var listed = await _api.ListAsync();
        var list = (await BackupApi.ReadAsync(listed)).AsArray();
        Assert.That(list.Single(b => (long)b!["backupId"]! == id)!["state"]!.GetValue<string>(), Is.EqualTo("COMPLETED"));

        using var namesOnly = await _api.ListAsync($"?verbose=false&pattern={id}");
        var brief = (await BackupApi.ReadAsync(namesOnly)).AsArray().Single()!;
        Assert.That(brief["details"]!.AsArray().Select(d => (string)d!["snapshotName"]!), Is.EqualTo(names));
        Assert.That(brief["details"]!.AsArray().Select(d => d!["startTime"]), Is.All.Null);

        using var again = await _api.CreateAsync(id);
        await BackupApi.AssertProblemAsync(again, HttpStatusCode.BadRequest, $"A backup with ID [{id}] already exists. Found snapshots: [{names[0]}");

        using var deleted = await _api.DeleteAsync(id);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Is.Empty);
        using var gone = await _api.GetAsync(id);
        await BackupApi.AssertProblemAsync(gone, HttpStatusCode.NotFound, $"No backup with id [{id}] found");
        using var deletedAgain = await _api.DeleteAsync(id);
        await BackupApi.AssertProblemAsync(deletedAgain, HttpStatusCode.NotFound, $"No backup with id [{id}] found");
    }

    [Test]
    public async Task Every_index_under_the_prefix_is_in_exactly_one_part_dated_copies_and_unknown_indices_included()
    {
        var prefix = EngineTarget.PrefixFor(component);
        await _engine.CreateIndexAsync($"{prefix}-something-new-9.9.9_");
        await _engine.CreateIndexAsync($"{prefix}extra-not-ours");
        var id = _engine.NewBackupId();

        using var created = await _api.CreateAsync(id);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)(await _api.WaitUntilSettledAsync(id))["state"], Is.EqualTo("COMPLETED"));

        using var response = await _engine.Rest.GetAsync($"_snapshot/{_engine.Repository}/camunda_*_{id}_*");
        var parts = (await BackupApi.ReadAsync(response))["snapshots"]!.AsArray()
            .OrderBy(s => (string)s!["snapshot"]!, StringComparer.Ordinal)
            .Select(s => s!["indices"]!.AsArray().Select(i => (string)i!).ToList())
            .ToList();
        var backedUp = parts.SelectMany(p => p).ToList();
        using var cat = await _engine.Rest.GetAsync($"_cat/indices/{prefix}-*?format=json&h=index");
        var underPrefix = (await BackupApi.ReadAsync(cat)).AsArray().Select(i => (string)i!["index"]!).ToList();

        Assert.That(backedUp, Is.Unique, "no index is in two parts");
        Assert.That(backedUp, Is.EquivalentTo(underPrefix), "every index under the prefix is backed up");
        Assert.That(parts[0], Has.All.Contains("import-position"), "import positions come first");
        Assert.That(parts[5], Has.Member($"{prefix}-something-new-9.9.9_"), "an index no tier names goes into the last part");
        Assert.That(backedUp, Has.None.EqualTo($"{prefix}extra-not-ours"));
    }

    [Test]
    public async Task An_unknown_id_is_404_for_get_and_delete()
    {
        var id = _engine.NewBackupId();

        using var get = await _api.GetAsync(id);
        await BackupApi.AssertProblemAsync(get, HttpStatusCode.NotFound, $"No backup with id [{id}] found");
        using var delete = await _api.DeleteAsync(id);
        await BackupApi.AssertProblemAsync(delete, HttpStatusCode.NotFound, $"No backup with id [{id}] found");
    }

    [Test]
    public async Task A_repository_missing_in_the_engine_is_404_on_every_endpoint_and_names_it()
    {
        await using var api = ServiceHost.Start(_engine, component, s => s["Backup:RepositoryName"] = "no_such_repository");
        const string message = "No repository with name [no_such_repository] could be found.";

        await AssertEveryEndpointAsync(api, HttpStatusCode.NotFound, message);
    }

    [Test]
    public async Task No_repository_configured_is_404_and_says_which_setting()
    {
        await using var api = ServiceHost.Start(_engine, component, s => s["Backup:RepositoryName"] = "");

        using var list = await api.ListAsync();
        await BackupApi.AssertProblemAsync(list, HttpStatusCode.NotFound, "No backup repository configured. Set Backup:RepositoryName");
        using var create = await api.CreateAsync(_engine.NewBackupId());
        await BackupApi.AssertProblemAsync(create, HttpStatusCode.NotFound, "No backup repository configured.");
    }

    [Test]
    public async Task An_engine_that_cannot_be_reached_is_502_on_every_endpoint_and_names_its_url()
    {
        var closed = ClosedLoopbackUrl();
        await using var api = ServiceHost.Start(closed, _engine, component);
        var message = $"at {closed} could not be reached";

        await AssertEveryEndpointAsync(api, HttpStatusCode.BadGateway, message);
    }

    [Test]
    public async Task A_backup_interrupted_by_a_restart_is_finished_by_the_next_start()
    {
        var id = _engine.NewBackupId();
        _engine.Emulator?.HoldSnapshots = true;

        using (var created = await _api.CreateAsync(id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await _api.DisposeAsync();
        var taken = await _engine.SnapshotNamesAsync($"camunda_*_{id}_*");
        Assert.That(taken, Has.Count.LessThan(6), "the service stopped mid-backup");
        _engine.Emulator?.HoldSnapshots = false;

        _api = ServiceHost.Start(_engine, component);
        var backup = await _api.WaitUntilSettledAsync(id);

        Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Has.Count.EqualTo(6));
    }

    private async Task AssertEveryEndpointAsync(BackupApi api, HttpStatusCode status, string message)
    {
        using var create = await api.CreateAsync(_engine.NewBackupId());
        await BackupApi.AssertProblemAsync(create, status, message);
        using var get = await api.GetAsync(1);
        await BackupApi.AssertProblemAsync(get, status, message);
        using var list = await api.ListAsync();
        await BackupApi.AssertProblemAsync(list, status, message);
        using var delete = await api.DeleteAsync(1);
        await BackupApi.AssertProblemAsync(delete, status, message);
    }

    private static Uri ClosedLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
