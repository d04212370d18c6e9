using System.Net;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>A pause the service did not make is reported, never resumed; a platform section that does not add up stops start-up.</summary>
public sealed class PlatformWatchTests
{
    [Test]
    public async Task A_pause_this_service_did_not_make_turns_health_DOWN_and_the_metric_on_and_is_left_alone()
    {
        await using var stack = await PlatformStack.StartAsync(EngineFlavor.Elasticsearch8, "8.7");
        using var service = await stack.StartServiceAsync();
        stack.Zeebe.PauseExporting(soft: false);

        string health = "";
        await PlatformStack.WaitForAsync(async () =>
        {
            using var response = await service.Http.GetAsync("actuator/health");
            health = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "health is DOWN");
        var platform = (await BackupApi.ReadAsync(new HttpResponseMessage { Content = new StringContent(health) }))["components"]!["platform"]!;
        Assert.That((string?)platform["status"], Is.EqualTo("DOWN"));
        Assert.That((string?)platform["description"] ?? platform.ToJsonString(), Does.Contain("paused on partition(s) 1 (PAUSED), 2 (PAUSED), 3 (PAUSED)").And.Contain("no platform backup of this service paused it"));
        using (var metrics = await service.Http.GetAsync("actuator/prometheus"))
        {
            Assert.That(await metrics.Content.ReadAsStringAsync(), Does.Match(@"backup_platform_exporting_paused_elsewhere(\{[^}]*\})? 1"));
        }

        // A recovery look and another watch look later, still paused: nobody here resumed it.
        await PlatformStack.WaitForAsync(() => Task.FromResult(stack.Zeebe.Calls.Count(c => c == "GET actuator/partitions") >= 3), "the watch looked again");
        Assert.That(stack.Zeebe.ExporterPhases, Is.All.EqualTo("PAUSED"));
        Assert.That(stack.Zeebe.Calls, Has.None.StartsWith("POST actuator/exporting"));
    }

    [Test]
    public async Task A_platform_section_that_leaves_a_component_out_silently_stops_start_up_naming_the_key()
    {
        await using var engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        await using var host = ServiceHost.Create(engine.Url, engine, Component.Operate, settings =>
        {
            settings["Platform:Version"] = "8.7";
            settings["Platform:Zeebe:Url"] = "http://127.0.0.1:1/";
            settings["Platform:Operate:Url"] = "http://127.0.0.1:2/";
            settings["Platform:Tasklist:Url"] = "none";
        });
        var failure = Assert.Catch(() => host.StartServer());
        Assert.That(failure!.ToString(), Does.Contain("Platform:Optimize:Url is not set: give Optimize's management URL, or 'none' if it is not deployed"));
    }
}
