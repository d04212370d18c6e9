using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;
using Backup.EngineEmulator.Platform;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>
/// A whole emulated Camunda platform on loopback: the engine emulator; Operate and Tasklist (8.7) or the unified app's
/// webapps backup (8.8) served by this very service, which implements their backup API; Zeebe's management port and
/// Optimize's backup API emulated. The platform service under test is started as a process, so that it can be killed.
/// </summary>
internal sealed class PlatformStack : IAsyncDisposable
{
    public const string RecordIndex = "backup-platform";
    private readonly List<BackupApi> _webapps;

    private PlatformStack(EngineTarget engine, string line, List<BackupApi> webapps, ZeebeGatewayEmulator zeebe, OptimizeEmulator optimize)
    {
        Engine = engine;
        Line = line;
        _webapps = webapps;
        Zeebe = zeebe;
        Optimize = optimize;
    }

    public EngineTarget Engine { get; }

    public EngineEmulator.EngineEmulator Emulator => Engine.Emulator!;

    public string Line { get; }

    public ZeebeGatewayEmulator Zeebe { get; }

    public OptimizeEmulator Optimize { get; }

    public static async Task<PlatformStack> StartAsync(EngineFlavor flavor, string line)
    {
        if (EngineTarget.IsReal)
        {
            Assert.Ignore("The platform tests run on the emulated platform only: Zeebe and Optimize are emulated, and would write beside real data.");
        }

        var engine = await EngineTarget.StartAsync(flavor);
        var webapps = new List<BackupApi>();
        foreach (var component in line == "8.8" ? [Component.Webapps] : new[] { Component.Operate, Component.Tasklist })
        {
            await engine.SeedAsync(component, withDatedCopies: false);
            webapps.Add(ServiceHost.Start(engine, component));
        }

        await engine.CreateIndexAsync("zeebe-record_process-instance_8.7.0_2026-11-29");
        var zeebe = await ZeebeGatewayEmulator.StartAsync(line);
        var optimize = await OptimizeEmulator.StartAsync(engine.Url, engine.Repository);
        return new PlatformStack(engine, line, webapps, zeebe, optimize);
    }

    /// <summary>The platform settings of the service under test; <paramref name="adjust"/> may change or add some.</summary>
    public Dictionary<string, string> Settings(Action<Dictionary<string, string>>? adjust = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Platform__Version"] = Line,
            ["Platform__Zeebe__Url"] = Zeebe.Url.ToString(),
            ["Platform__Optimize__Url"] = Optimize.Url.ToString(),
            ["Platform__PollInterval"] = "00:00:00.050",
            ["Platform__LeaseDuration"] = "00:00:02",
        };
        if (Line == "8.8")
        {
            settings["Platform__Webapps__Url"] = _webapps[0].Http.BaseAddress!.ToString();
        }
        else
        {
            settings["Platform__Operate__Url"] = _webapps[0].Http.BaseAddress!.ToString();
            settings["Platform__Tasklist__Url"] = _webapps[1].Http.BaseAddress!.ToString();
        }

        adjust?.Invoke(settings);
        return settings;
    }

    public Task<ServiceProcess> StartServiceAsync(Action<Dictionary<string, string>>? adjust = null) =>
        ServiceProcess.StartAsync(Engine, Component.Operate, Settings(adjust));

    /// <summary>The run's record as the engine holds it; null while there is none.</summary>
    public async Task<JsonNode?> RecordAsync(long id)
    {
        using var response = await Engine.Rest.GetAsync($"{RecordIndex}/_doc/run-{id}");
        return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonNode>())!["_source"] : null;
    }

    /// <summary>
    /// From now on the engine answers 503 to every release of the platform lock: a backup that ended leaves its lock
    /// behind, holding open the moment between its end being recorded and its lock being released.
    /// </summary>
    public void RefuseLockReleases()
    {
        Emulator.Faults.Only = r => r.Method == "DELETE" && r.Path.EndsWith($"{RecordIndex}/_doc/lock", StringComparison.Ordinal);
        Emulator.Faults.StatusCode = 503;
    }

    /// <summary>Whether the platform lock's document is in the engine.</summary>
    public async Task<bool> IsLockedAsync()
    {
        using var response = await Engine.Rest.GetAsync($"{RecordIndex}/_doc/lock");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static Task<HttpResponseMessage> CreateAsync(ServiceProcess service, long? id) => service.Http.PostAsync(
        "actuator/platform/backups",
        new StringContent(id is null ? "{}" : $$"""{"backupId": {{id.Value.ToString(CultureInfo.InvariantCulture)}}}""", Encoding.UTF8, "application/json"));

    /// <summary>Follows a platform backup until it leaves IN_PROGRESS.</summary>
    public static async Task<JsonNode> WaitUntilSettledAsync(HttpClient http, long id, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var response = await http.GetAsync($"actuator/platform/backups/{id}", timeout.Token);
                var body = await BackupApi.ReadAsync(response);
                if (response.StatusCode == HttpStatusCode.OK && (string?)body["state"] != "IN_PROGRESS")
                {
                    return body;
                }
            }
            catch (HttpRequestException)
            {
                // A replica being restarted.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    /// <summary>Waits until <paramref name="holds"/> is true, polling every 20 ms, failing with <paramref name="what"/> after the deadline.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> holds, string what, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        while (!await holds())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var webapp in _webapps)
        {
            await webapp.DisposeAsync();
        }

        await Zeebe.DisposeAsync();
        await Optimize.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
