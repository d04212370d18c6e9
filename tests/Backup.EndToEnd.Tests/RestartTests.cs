using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests;

/// <summary>Hard kills and restarts: a backup is finished, never duplicated, never left running.</summary>
[TestFixture(EngineFlavor.Elasticsearch8)]
[TestFixture(EngineFlavor.OpenSearch2)]
public sealed class RestartTests(EngineFlavor flavor)
{
    private const Component Operate = Component.Operate;
    private EngineTarget _engine = null!;

    private EngineEmulator.EngineEmulator Emulator =>
        _engine.Emulator ?? throw new IgnoreException("Holding a part at each step needs the emulator; a real engine finishes parts on its own time.");

    [SetUp]
    public async Task StartAsync()
    {
        _engine = await EngineTarget.StartAsync(flavor);
        await _engine.SeedAsync(Operate);
    }

    [TearDown]
    public async Task StopAsync() => await _engine.DisposeAsync();

    [Test]
    public async Task Killing_the_service_at_every_step_of_a_backup_neither_loses_nor_duplicates_it()
    {
        Emulator.HoldSnapshots = true;
        var id = _engine.NewBackupId();
        string Part(int n) => $"camunda_operate_{id}_8.7.0_part_{n}_of_6";
        var before = await _engine.SnapshotNamesAsync("*");
        await using var observer = ServiceHost.Start(_engine, Operate);
        var service = await ServiceProcess.StartAsync(_engine, Operate);
        try
        {
            using (var created = await service.Http.PostAsync("actuator/backups", Json($$"""{"backupId": {{id}}}""")))
            {
                Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            for (var part = 1; part <= 6; part++)
            {
                await WaitForAsync(() => Emulator.SnapshotNames(_engine.Repository).Contains(Part(part)), $"part {part} is started");
                service.KillHard();
                service.Dispose();

                var meanwhile = await BackupApi.ReadAsync(await observer.GetAsync(id));
                Assert.That((string?)meanwhile["state"], Is.EqualTo("IN_PROGRESS"), $"reported while the service is down after part {part} started");

                // Odd parts finish while the service is down (killed between parts); even parts while it runs again.
                if (part % 2 == 1)
                {
                    Emulator.CompleteSnapshot(_engine.Repository, Part(part));
                }

                service = await ServiceProcess.StartAsync(_engine, Operate);
                if (part % 2 == 0)
                {
                    Emulator.CompleteSnapshot(_engine.Repository, Part(part));
                }
            }

            var backup = await observer.WaitUntilSettledAsync(id);
            Assert.That((string?)backup["state"], Is.EqualTo("COMPLETED"));
            Assert.That(await _engine.SnapshotNamesAsync($"camunda_*_{id}_*"), Is.EqualTo(Enumerable.Range(1, 6).Select(Part)));
            Assert.That(
                await _engine.SnapshotNamesAsync("*"),
                Is.EquivalentTo(before.Concat(Enumerable.Range(1, 6).Select(Part))),
                "no other snapshot appeared in the repository (no second backup, no part under another id or version)");

            Emulator.HoldSnapshots = false;
            var next = _engine.NewBackupId();
            using var again = await service.Http.PostAsync("actuator/backups", Json($$"""{"backupId": {{next}}}"""));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a new backup can be started without another restart");
            Assert.That((string?)(await observer.WaitUntilSettledAsync(next))["state"], Is.EqualTo("COMPLETED"));
        }
        finally
        {
            service.Dispose();
        }
    }

    [Test]
    public async Task A_part_that_can_no_longer_be_taken_ends_the_backup_INCOMPLETE_with_a_reason_and_the_next_one_starts()
    {
        Emulator.HoldSnapshots = true;
        var id = _engine.NewBackupId();
        var api = ServiceHost.Start(_engine, Operate, s => s["Backup:IncompleteCheckTimeout"] = "00:00:03");
        using (var created = await api.CreateAsync(id))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await api.DisposeAsync();
        var variable = $"{EngineTarget.PrefixFor(Operate)}-variable-8.3.0_";
        using (await _engine.Rest.DeleteAsync(variable))
        {
        }

        Emulator.CompleteSnapshot(_engine.Repository, $"camunda_operate_{id}_8.7.0_part_1_of_6");
        await using var restarted = ServiceHost.Start(_engine, Operate, s => s["Backup:IncompleteCheckTimeout"] = "00:00:03");
        var backup = await restarted.WaitUntilSettledAsync(id);

        Assert.That((string?)backup["state"], Is.EqualTo("INCOMPLETE"));
        Assert.That((string?)backup["failureReason"], Does.StartWith("Backup is incomplete: part(s) 2, 3, 4, 5, 6 of 6 were never taken."));

        await _engine.CreateIndexAsync(variable);
        Emulator.HoldSnapshots = false;
        var next = _engine.NewBackupId();
        using var again = await restarted.CreateAsync(next);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        Assert.That((string?)(await restarted.WaitUntilSettledAsync(next))["state"], Is.EqualTo("COMPLETED"));
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.That(deadline.IsCancellationRequested, Is.False, $"timed out waiting until {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }
}
