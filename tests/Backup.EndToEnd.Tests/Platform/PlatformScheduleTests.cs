using System.Net;
using Backup.Application.Backups.Scheduling;
using Backup.Domain;
using Backup.EngineEmulator;
using Backup.EngineEmulator.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>With platform backups configured, the schedule's tick takes one platform backup across replicas.</summary>
public sealed class PlatformScheduleTests
{
    [Test]
    public async Task Two_replicas_with_the_same_schedule_start_exactly_one_platform_backup_per_tick()
    {
        if (EngineTarget.IsReal)
        {
            Assert.Ignore("A fake clock needs the emulator.");
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 11, 59, 50, TimeSpan.Zero));
        await using var engine = await EngineTarget.StartAsync(EngineFlavor.OpenSearch2, clock);
        await using var zeebe = await ZeebeGatewayEmulator.StartAsync("8.7");
        await using var optimize = await OptimizeEmulator.StartAsync(engine.Url, engine.Repository);
        var replicas = new List<BackupApi>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var host = ServiceHost.Create(engine.Url, engine, Component.Operate, settings =>
                {
                    settings["Backup:Schedule:Cron"] = "0 * * * *";
                    settings["Platform:Version"] = "8.7";
                    settings["Platform:Zeebe:Url"] = zeebe.Url.ToString();
                    settings["Platform:Operate:Url"] = "none";
                    settings["Platform:Tasklist:Url"] = "none";
                    settings["Platform:Optimize:Url"] = optimize.Url.ToString();
                }, services =>
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton<TimeProvider>(clock);
                });
                host.StartServer();
                replicas.Add(new BackupApi(host, host.CreateClient()));
            }

            var tick = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
            clock.Advance(TimeSpan.FromSeconds(10));
            await PlatformStack.WaitForAsync(
                () => Task.FromResult(replicas.All(r => r.Services.GetRequiredService<ScheduleRecord>().LastRun is not null)), "both replicas ran the tick");

            var runs = replicas.Select(r => r.Services.GetRequiredService<ScheduleRecord>().LastRun!).ToList();
            Assert.That(runs.Select(r => r.Outcome), Is.EquivalentTo(new[] { ScheduledRunOutcome.Started, ScheduledRunOutcome.Skipped }));
            Assert.That(runs.Select(r => r.BackupId), Is.All.EqualTo(tick));
            using var backup = await replicas[0].Http.GetAsync($"actuator/platform/backups/{tick}");
            Assert.That(backup.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await engine.SnapshotNamesAsync("camunda_operate_*"), Is.Empty, "the tick took a platform backup, not a component backup");
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
