using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>One REST call: its parts, and the ways of answering it.</summary>
internal sealed class Call(HttpContext http, EngineFlavor flavor, EngineState state, EmulatorFaults faults, IReadOnlyList<string> segments, string body)
{
    public HttpContext Http => http;

    public EngineFlavor Flavor => flavor;

    public EngineState State => state;

    public EmulatorFaults Faults => faults;

    public string Method => http.Request.Method;

    public IReadOnlyList<string> Segments => segments;

    public string Body => body;

    public string? Query(string name) => http.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    public bool Flag(string name, bool fallback = false) => Query(name) is { } value ? value is "" or "true" : fallback;

    public JsonObject? JsonBody()
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        return JsonNode.Parse(body) as JsonObject ?? throw new JsonException("the body is not a JSON object");
    }

    public Task JsonAsync(int status, JsonNode body)
    {
        if (status < 300 && Query("filter_path") is { Length: > 0 } filterPath)
        {
            body = ResponseFilter.Apply(body, filterPath);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=UTF-8";
        return http.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    public Task OkAsync(JsonNode body) => JsonAsync(200, body);

    public Task AcknowledgedAsync() => OkAsync(new JsonObject { ["acknowledged"] = true });

    public Task ErrorAsync(int status, string type, string reason, JsonObject? extra = null) =>
        JsonAsync(status, Wire.Error(status, type, reason, extra));

    public Task ErrorAsync(JsonObject error) => JsonAsync((int)error["status"]!, error);

    public Task NoHandlerAsync() => ErrorAsync(400, "illegal_argument_exception", $"no handler found for uri [{http.Request.Path}{http.Request.QueryString}] and method [{Method}]");
}
