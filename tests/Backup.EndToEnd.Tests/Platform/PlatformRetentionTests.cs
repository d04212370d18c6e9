using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;
using Backup.EngineEmulator.Platform;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>With platform backups configured, <c>Backup:Retention</c> deletes whole platform backups, on two replicas at once.</summary>
public sealed class PlatformRetentionTests
{
    [Test]
    public async Task Retention_deletes_an_expired_platform_backup_whole_and_never_a_component_backup_on_its_own()
    {
        if (EngineTarget.IsReal)
        {
            Assert.Ignore("Zeebe and Optimize are emulated, and would write beside real data.");
        }

        await using var engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        await engine.SeedAsync(Component.Operate, withDatedCopies: false);
        await engine.SeedAsync(Component.Tasklist, withDatedCopies: false);
        await engine.CreateIndexAsync("zeebe-record_process-instance_8.7.0_2026-11-29");
        await using var operate = ServiceHost.Start(engine, Component.Operate);
        await using var tasklist = ServiceHost.Start(engine, Component.Tasklist);
        await using var zeebe = await ZeebeGatewayEmulator.StartAsync("8.7");
        await using var optimize = await OptimizeEmulator.StartAsync(engine.Url, engine.Repository);

        // A component backup of Operate's own, older than every platform backup: MaxCount 1 would expire it, were it weighed.
        var alone = engine.NewBackupId();
        using (await operate.CreateAsync(alone))
        {
            Assert.That((string?)(await operate.WaitUntilSettledAsync(alone))["state"], Is.EqualTo("COMPLETED"));
        }

        var replicas = new List<BackupApi>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                replicas.Add(ServiceHost.Start(engine, Component.Operate, settings =>
                {
                    settings["Platform:Version"] = "8.7";
                    settings["Platform:Zeebe:Url"] = zeebe.Url.ToString();
                    settings["Platform:Operate:Url"] = operate.Http.BaseAddress!.ToString();
                    settings["Platform:Tasklist:Url"] = tasklist.Http.BaseAddress!.ToString();
                    settings["Platform:Optimize:Url"] = optimize.Url.ToString();
                    settings["Platform:PollInterval"] = "00:00:00.050";
                    settings["Backup:Retention:MaxCount"] = "1";
                    settings["Backup:Retention:Interval"] = "00:00:00.500";
                }));
            }

            var older = await TakePlatformBackupAsync(replicas[0], engine.NewBackupId());
            var newer = await TakePlatformBackupAsync(replicas[1], engine.NewBackupId());

            await PlatformStack.WaitForAsync(async () =>
            {
                using var response = await replicas[1].Http.GetAsync($"actuator/platform/backups/{older}");
                return response.StatusCode == HttpStatusCode.NotFound;
            }, "retention deleted the older platform backup");

            Assert.That(await engine.SnapshotNamesAsync($"camunda_*_{older}_*"), Is.Empty, "every component's backup of it");
            Assert.That(await engine.SnapshotNamesAsync($"camunda_zeebe_records_backup_{older}"), Is.Empty);
            Assert.That(zeebe.HasBackup(older), Is.False);
            var kept = await PlatformStack.WaitUntilSettledAsync(replicas[0].Http, newer);
            Assert.That((string?)kept["state"], Is.EqualTo("COMPLETED"), kept.ToJsonString());
            Assert.That(zeebe.HasBackup(newer), Is.True);
            Assert.That(await engine.SnapshotNamesAsync($"camunda_operate_{alone}_*"), Is.Not.Empty, "a component backup is never weighed on its own");
            using var dryRun = await replicas[0].Http.GetAsync("actuator/retention");
            Assert.That((await BackupApi.ReadAsync(dryRun))["deletions"]!.AsArray(), Is.Empty);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    private static async Task<long> TakePlatformBackupAsync(BackupApi replica, long id)
    {
        using (var created = await replica.Http.PostAsync("actuator/platform/backups",
            new StringContent($$"""{"backupId": {{id}}}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        }

        Assert.That((string?)(await PlatformStack.WaitUntilSettledAsync(replica.Http, id))["state"], Is.EqualTo("COMPLETED"));
        return id;
    }
}
