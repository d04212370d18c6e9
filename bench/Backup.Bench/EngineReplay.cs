using System.Text;
using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>
/// The engine calls the service made for one request, as the emulator recorded them, sent again straight to the
/// engine: the engine's time for the very reads the service makes, which the service's time is measured against.
/// </summary>
internal sealed class EngineReplay(HttpClient engine, IReadOnlyList<RecordedRequest> calls)
{
    public IReadOnlyList<RecordedRequest> Calls => calls;

    /// <summary>Records what <paramref name="request"/> asks of the engine (the emulator's log is cleared first).</summary>
    public static async Task<EngineReplay> CaptureAsync(EngineEmulator.EngineEmulator emulator, HttpClient engine, Func<Task> request)
    {
        emulator.ClearRequests();
        await request();
        var calls = emulator.Requests;
        emulator.ClearRequests();
        return new EngineReplay(engine, calls);
    }

    /// <summary>Sends every call again, one after the other as the service did, reading each answer whole.</summary>
    public async Task RunAsync()
    {
        foreach (var call in calls)
        {
            await SendAsync(call);
        }
    }

    public async Task SendAsync(RecordedRequest call, Func<string, string>? rename = null)
    {
        var path = (rename ?? (p => p))(call.Path.TrimStart('/')) + call.Query;
        using var message = new HttpRequestMessage(new HttpMethod(call.Method), path);
        if (call.Body.Length > 0)
        {
            message.Content = new StringContent(call.Body, Encoding.UTF8, "application/json");
        }

        using var response = await engine.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }
}
