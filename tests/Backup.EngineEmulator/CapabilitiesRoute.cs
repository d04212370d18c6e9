using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>
/// <c>GET _capabilities?method=&amp;path=&amp;parameters=&amp;capabilities=</c> (Elasticsearch 8.x and later): whether
/// the engine serves that path and method with those parameters. The emulator names no capabilities, so asking for
/// any answers false.
/// </summary>
internal static class CapabilitiesRoute
{
    public static Task HandleAsync(Call call)
    {
        var method = call.Query("method") ?? "GET";
        var segments = (call.Query("path") ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parameters = call.Query("parameters")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var supported = ApiCatalog.ApiOf(call.Flavor, method, segments) is { } api
            && parameters.All(ApiCatalog.Parameters(call.Flavor, method, api).Contains)
            && string.IsNullOrEmpty(call.Query("capabilities"));
        return call.OkAsync(new JsonObject { ["supported"] = supported });
    }
}
