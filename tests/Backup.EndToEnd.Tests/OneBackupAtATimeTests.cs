using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// Creates of different ids sent at the same moment, to one service and to three replicas: one backup runs, every
/// other create is refused and leaves nothing behind, and the engine's own records show no two backups at once.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class OneBackupAtATimeTests(EngineFlavor flavor)
{
    private const Component Operate = Component.Operate;
    private const int Rounds = 50;
    private EngineTarget _engine = null!;
    private readonly List<BackupApi> _services = [];

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(Operate);
    }

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        _services.Clear();
        await _engine.DisposeAsync();
    }

    [Test]
    public async Task Concurrent_creates_of_different_ids_on_one_instance_leave_exactly_one_backup_running()
    {
        _services.Add(ServiceHost.Start(_engine, Operate));

        // In one process, creates decide one after another: a loser never gets as far as taking a first part and
        // yielding it, which only replicas need.
        await RaceAsync(createsPerService: 4, oneFirstPartPerRound: true);
    }

    [Test]
    public async Task Concurrent_creates_of_different_ids_across_three_replicas_leave_exactly_one_backup_running()
    {
        _services.AddRange(Enumerable.Range(0, 3).Select(_ => ServiceHost.Start(_engine, Operate)));

        await RaceAsync(createsPerService: 2);
    }

    [Test]
    public async Task Concurrent_creates_across_replicas_whose_first_parts_start_at_the_same_instant_still_leave_exactly_one_backup_running()
    {
        var emulator = _engine.Emulator ?? throw new IgnoreException("Start times that tie on purpose need the emulator.");
        emulator.StartClockStep = TimeSpan.FromMilliseconds(200);
        _services.AddRange(Enumerable.Range(0, 3).Select(_ => ServiceHost.Start(_engine, Operate)));

        // A tie's winner waits up to seconds for the others to yield; its first part is held meanwhile, so that a
        // create queued behind that wait still meets the winner running, as it would with a real engine's snapshot.
        await RaceAsync(createsPerService: 2, rounds: 20, clockStep: emulator.StartClockStep, holdFirstParts: true);
    }

    [Test]
    public async Task A_replica_killed_between_two_parts_blocks_new_backups_until_another_replica_has_finished_its_backup()
    {
        var emulator = _engine.Emulator ?? throw new IgnoreException("Holding part 1 until the kill needs the emulator.");
        var timeout = new Dictionary<string, string> { ["Backup__IncompleteCheckTimeout"] = "00:00:05" };
        var survivor = ServiceHost.Start(_engine, Operate, s => s["Backup:IncompleteCheckTimeout"] = "00:00:05");
        _services.Add(survivor);
        emulator.HoldSnapshots = true;
        var id = _engine.NewBackupId();
        var firstPart = $"camunda_operate_{id}_8.7.0_part_1_of_6";
        using (var doomed = await ServiceProcess.StartAsync(_engine, Operate, timeout))
        {
            using var created = await doomed.Http.PostAsync("actuator/backups", new StringContent($$"""{"backupId": {{id}}}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            doomed.KillHard();
        }

        emulator.CompleteSnapshot(_engine.Repository, firstPart);
        emulator.HoldSnapshots = false;
        var other = _engine.NewBackupId();
        using (var refused = await survivor.CreateAsync(other))
        {
            await BackupApi.AssertProblemAsync(refused, HttpStatusCode.BadRequest, $"Another backup is running at the moment (backup [{id}])");
        }

        Assert.That((string?)(await survivor.WaitUntilSettledAsync(id))["state"], Is.EqualTo("COMPLETED"), "the surviving replica took the backup over");
        using (var accepted = await survivor.CreateAsync(other))
        {
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        }

        Assert.That((string?)(await survivor.WaitUntilSettledAsync(other))["state"], Is.EqualTo("COMPLETED"));
        Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{other}_*"), Has.Count.EqualTo(6));
        Assert.That(Overlaps(await BackupSpansAsync()), Is.Empty);
    }

    /// <param name="clockStep">How coarse the engine's start times are: parts that close are not counted as overlapping.</param>
    /// <param name="oneFirstPartPerRound">Whether the engine must see only the winner's first part created in each round.</param>
    private async Task RaceAsync(
        int createsPerService, int rounds = Rounds, TimeSpan clockStep = default, bool holdFirstParts = false, bool oneFirstPartPerRound = false)
    {
        var clock = Stopwatch.StartNew();
        var winners = new List<long>();
        var contested = 0;
        for (var round = 0; round < rounds; round++)
        {
            _engine.Emulator?.ClearRequests();
            _engine.Emulator?.HoldSnapshots = holdFirstParts;
            var creates = _services.SelectMany(s => Enumerable.Range(0, createsPerService).Select(_ => (Service: s, Id: _engine.NewBackupId()))).ToArray();
            var answers = await SendTogetherAsync(creates);

            var won = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Id).ToList();
            var context = $"round {round}: {string.Join(" | ", answers.Select(a => $"{a.Id} {a.Status} {a.Body}"))}";
            Assert.That(won, Has.Count.EqualTo(1), context);
            var lost = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
            Assert.That(lost.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.BadRequest), context);
            // A loser may have looked while another loser's first part still existed: it names one of this round's backups.
            Assert.That(lost.Select(a => a.Body), Is.All.Contains("Another backup is running at the moment (backup ["), context);
            Assert.That(lost.Select(a => a.Body), Is.All.Matches<string>(body => creates.Any(c => body.Contains($"(backup [{c.Id}])", StringComparison.Ordinal))), context);
            var firstParts = _engine.Emulator?.Requests.Count(r => r.Method == "PUT" && r.Path.Contains("_part_1_of_", StringComparison.Ordinal));
            contested += firstParts > 1 ? 1 : 0;
            if (oneFirstPartPerRound && firstParts is not null)
            {
                Assert.That(firstParts, Is.EqualTo(1), $"{context}: a loser in the same process created a first part");
            }

            var left = await _engine.SnapshotNamesAsync("camunda_*");
            Assert.That(left.Where(n => lost.Exists(a => n.Contains($"_{a.Id}_", StringComparison.Ordinal))), Is.Empty, $"{context}: a loser left a snapshot");

            _engine.Emulator?.HoldSnapshots = false;
            Assert.That((string?)(await _services[0].WaitUntilSettledAsync(won[0]))["state"], Is.EqualTo("COMPLETED"), context);
            winners.Add(won[0]);
        }

        var spans = await BackupSpansAsync();
        Assert.That(spans.Keys, Is.EquivalentTo(winners), "the engine holds the winners' backups and nothing else");
        Assert.That(Overlaps(spans, (long)clockStep.TotalMilliseconds), Is.Empty, "no two backups' parts overlap in time");
        TestContext.Out.WriteLine(
            $"{flavor}: {rounds} rounds of {_services.Count} service(s) x {createsPerService} concurrent creates: exactly one winner each round, "
            + $"no loser snapshot, no overlap; "
            + $"{contested} rounds decided after two or more first parts existed; start times in steps of {clockStep.TotalMilliseconds} ms; {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>One thread per create, all released at once by a barrier, so that the creates really race.</summary>
    private static async Task<(long Id, HttpStatusCode Status, string Body)[]> SendTogetherAsync((BackupApi Service, long Id)[] creates)
    {
        using var barrier = new Barrier(creates.Length);
        var sends = creates.Select(c => Task.Factory.StartNew(
            () =>
            {
                barrier.SignalAndWait();
                return c.Service.CreateAsync(c.Id);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        await Task.WhenAll(sends);
        return await Task.WhenAll(sends.Select(async (send, i) =>
        {
            using var response = await send;
            return (creates[i].Id, response.StatusCode, await response.Content.ReadAsStringAsync());
        }));
    }

    /// <summary>Each backup's time in the engine: from its first part's start to its last part's end, as the engine recorded them.</summary>
    private async Task<Dictionary<long, (long Start, long End)>> BackupSpansAsync()
    {
        using var response = await _engine.Rest.GetAsync($"_snapshot/{_engine.Repository}/camunda_*");
        var snapshots = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["snapshots"]!.AsArray();
        return snapshots
            .Select(s => (Id: BackupIdOf((string)s!["snapshot"]!), Start: (long)s["start_time_in_millis"]!, End: (long)s["end_time_in_millis"]!))
            .GroupBy(s => s.Id)
            .ToDictionary(g => g.Key, g => (g.Min(s => s.Start), g.Max(s => s.End)));
    }

    private static long BackupIdOf(string snapshot) =>
        SnapshotName.TryParse(snapshot, out var name) ? name.BackupId.Value : throw new AssertionException($"not a backup's snapshot: {snapshot}");

    private static List<string> Overlaps(Dictionary<long, (long Start, long End)> spans, long tolerance = 0) =>
        [.. from a in spans
            from b in spans
            where a.Key < b.Key && a.Value.Start < b.Value.End - tolerance && b.Value.Start < a.Value.End - tolerance
            select $"{a.Key} [{a.Value.Start}, {a.Value.End}] and {b.Key} [{b.Value.Start}, {b.Value.End}]"];
}
