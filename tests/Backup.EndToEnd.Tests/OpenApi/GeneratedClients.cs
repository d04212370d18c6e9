using System.Globalization;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.OpenApi;

/// <summary>
/// What a client generated from the service's document sees: the service with Management:Auth over the emulator, and
/// the story each client's driver tells, step by step, in the words both drivers print.
/// </summary>
internal sealed class GeneratedClients : IAsyncDisposable
{
    public const string DocumentPath = "actuator/openapi/backups.json";
    public const string Key = "writer-key-0123456789abcdef0123456789";
    public const string ReaderKey = "reader-key-0123456789abcdef0123456789";
    public const string User = "operator";
    public const string Password = "operator-password-0123456789abcdef";

    private GeneratedClients(EngineTarget engine, BackupApi api)
    {
        Engine = engine;
        Api = api;
    }

    public EngineTarget Engine { get; }

    public BackupApi Api { get; }

    public Uri BaseUrl => Api.Http.BaseAddress!;

    public static async Task<GeneratedClients> StartAsync()
    {
        var engine = await EngineTarget.StartAsync(EngineFlavor.Elasticsearch8);
        await engine.SeedAsync(Component.Operate);
        var api = ServiceHost.Start(engine, Component.Operate, settings =>
        {
            settings["Management:Auth:ApiKeys:0:Name"] = "script";
            settings["Management:Auth:ApiKeys:0:Key"] = Key;
            settings["Management:Auth:ApiKeys:0:Rights"] = "Write";
            settings["Management:Auth:ApiKeys:1:Name"] = "dashboard";
            settings["Management:Auth:ApiKeys:1:Key"] = ReaderKey;
            settings["Management:Auth:Users:0:Username"] = User;
            settings["Management:Auth:Users:0:Password"] = Password;
            settings["Management:Auth:Users:0:Rights"] = "Write";
        });
        return new GeneratedClients(engine, api);
    }

    public async Task<string> DocumentAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, DocumentPath);
        request.Headers.Add("X-API-Key", Key);
        using var response = await Api.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The lines a driver prints for backup <paramref name="id"/>: every step of the API, its errors decoded as problems.</summary>
    public static string[] Story(long id, int parts)
    {
        var text = CultureInfo.InvariantCulture;
        return
        [
            string.Create(text, $"created {parts} parts"),
            "state COMPLETED",
            string.Create(text, $"listed {id} COMPLETED with {parts} parts, start times given"),
            string.Create(text, $"names-only {id} COMPLETED, no start times"),
            string.Create(text, $"again: 400 A backup with ID [{id}] already exists"),
            "bad pattern: 400 ",
            string.Create(text, $"unknown: 404 No backup with id [{id + 1}] found"),
            "reader creates: 403 ",
            "no credentials: 401 ",
            "deleted by basic user",
            string.Create(text, $"after delete: 404 No backup with id [{id}] found"),
        ];
    }

    /// <summary>Compares printed lines with <see cref="Story"/>, whose error lines are the start of the message.</summary>
    public static void AssertStory(IReadOnlyList<string> printed, long id, int parts)
    {
        var expected = Story(id, parts);
        Assert.That(printed, Has.Count.EqualTo(expected.Length), string.Join('\n', printed));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.That(printed[i], expected[i].Contains(": ", StringComparison.Ordinal) ? Does.StartWith(expected[i]) : Is.EqualTo(expected[i]));
            }
        });
    }

    /// <summary>Runs <paramref name="call"/> while the engine answers <paramref name="engineStatus"/>, or drops every connection when null.</summary>
    public async Task<T> WhileEngineFailsAsync<T>(int? engineStatus, Func<Task<T>> call)
    {
        var faults = Engine.Emulator!.Faults;
        faults.StatusCode = engineStatus;
        faults.DropConnections = engineStatus is null;
        try
        {
            return await call();
        }
        finally
        {
            faults.Reset();
        }
    }

    public static string[] Lines(JsonNode printed) => [.. printed.AsArray().Select(n => (string)n!)];

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
