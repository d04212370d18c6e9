using System.Text.Json;
using Backup.EngineEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Backup.Bench;

/// <summary>
/// The floor under the service's own share: a process that makes the very engine calls the service made for a list,
/// reads each answer whole, and answers with as many bytes as the service did, doing nothing else. What it costs over the
/// engine's time is what two HTTP hops and the bytes cost any .NET service on this machine; the service's share above it
/// is its own work.
/// </summary>
internal static class PassThrough
{
    public const string Command = "passthrough";

    /// <summary>Starts the floor for one list: the calls the service made, the size of its answer.</summary>
    public static Task<ServiceUnderTest> StartAsync(EngineEmulator.EngineEmulator engine, IReadOnlyList<RecordedRequest> calls, long answerBytes)
    {
        var file = Path.Combine(Path.GetTempPath(), $"backup-bench-calls-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(calls));
        return ServiceUnderTest.StartAsync(
            engine,
            Seeding.Repository,
            // The service's own thread-pool setting (its project file); the rest of its settings are about memory.
            new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" },
            [Path.Combine(AppContext.BaseDirectory, "Backup.Bench.dll"), Command, file, answerBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>The process's own loop, on the port and engine <see cref="ServiceUnderTest"/> gives every service.</summary>
    public static async Task RunAsync(string callsFile, long answerBytes)
    {
        var calls = JsonSerializer.Deserialize<List<RecordedRequest>>(File.ReadAllText(callsFile)) ?? [];
        File.Delete(callsFile);
        var answer = new byte[answerBytes];
        Array.Fill(answer, (byte)' ');

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{Setting("Management__Server__Address")}:{Setting("Management__Server__Port")}");
        await using var app = builder.Build();
        using var engine = new HttpClient { BaseAddress = new Uri(Setting("Database__Url")) };
        var replay = new EngineReplay(engine, calls);
        app.MapGet("/actuator/backups/{**rest}", async (HttpContext context) =>
        {
            await replay.RunAsync();
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });
        await app.RunAsync();
    }

    private static string Setting(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set");
}
