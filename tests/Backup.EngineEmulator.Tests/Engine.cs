using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator.Tests;

/// <summary>A started emulator with a repository and two indices, and a plain HTTP client to talk to it.</summary>
internal sealed class Engine : IAsyncDisposable
{
    public const string Repository = "my_repository";

    private Engine(EngineEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = emulator.Url };
    }

    public EngineEmulator Emulator { get; }

    public HttpClient Http { get; }

    public static async Task<Engine> StartAsync(EngineFlavor flavor, TimeProvider? time = null)
    {
        var emulator = await EngineEmulator.StartAsync(flavor, time);
        emulator.CreateRepository(Repository);
        emulator.CreateIndices("index_1", "index_2");
        return new Engine(emulator);
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        var (status, text) = await SendTextAsync(method, path, body);
        return (status, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A call whose answer is read as text (the <c>_cat</c> APIs' default form).</summary>
    public async Task<(int Status, string Text)> SendTextAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<(int Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(int Status, JsonNode? Body)> CreateSnapshotAsync(string name, string body = """{"indices": "index_1,index_2"}""", bool wait = false) =>
        SendAsync(HttpMethod.Put, $"_snapshot/{Repository}/{name}?wait_for_completion={(wait ? "true" : "false")}", body);

    public async Task<IReadOnlyList<string>> SnapshotNamesAsync(string expression = "_all")
    {
        var answer = await Http.GetFromJsonAsync<JsonObject>($"_snapshot/{Repository}/{expression}?verbose=false");
        return [.. answer!["snapshots"]!.AsArray().Select(s => (string)s!["snapshot"]!)];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
