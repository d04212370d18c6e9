using System.Buffers;
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

    public Task JsonAsync(int status, JsonNode body) =>
        WholeAsync(status, "application/json; charset=UTF-8", Filtered(status, body).ToJsonString());

    /// <summary>
    /// An answer built whole before it is sent goes with its <c>Content-Length</c>, as the engines' REST layer sends it
    /// (Elasticsearch's <c>DefaultRestChannel</c>, OpenSearch's alike), not chunked.
    /// </summary>
    public Task WholeAsync(int status, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }

    public Task OkAsync(JsonNode body) => JsonAsync(200, body);

    /// <summary>
    /// A 200 sent a piece at a time as it is written, the way Elasticsearch 8+ sends a chunked answer (a get-snapshots
    /// answer one snapshot after another, as the client reads them): the client can read the first snapshots while the
    /// engine still writes the last. A piece is what its <c>Netty4WriteThrottlingHandler</c> writes at once, 256 KB.
    /// </summary>
    public async Task StreamAsync(JsonNode body)
    {
        const int ChunkSize = 256 * 1024;
        body = Filtered(200, body);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json; charset=UTF-8";
        var piece = new ArrayBufferWriter<byte>(ChunkSize + 16 * 1024);
        await using var json = new Utf8JsonWriter(piece);
        json.WriteStartObject();
        foreach (var (name, value) in body.AsObject())
        {
            json.WritePropertyName(name);
            if (value is not JsonArray items)
            {
                WriteValue(json, value);
                continue;
            }

            json.WriteStartArray();
            foreach (var item in items)
            {
                WriteValue(json, item);
                if (piece.WrittenCount + json.BytesPending >= ChunkSize)
                {
                    await SendPieceAsync(json, piece);
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        await SendPieceAsync(json, piece);
    }

    /// <summary>One write of the response body: one HTTP chunk.</summary>
    private async Task SendPieceAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> piece)
    {
        json.Flush();
        await http.Response.Body.WriteAsync(piece.WrittenMemory, http.RequestAborted);
        piece.ResetWrittenCount();
    }

    public Task AcknowledgedAsync() => OkAsync(new JsonObject { ["acknowledged"] = true });

    public Task ErrorAsync(int status, string type, string reason, JsonObject? extra = null) =>
        JsonAsync(status, Wire.Error(status, type, reason, extra));

    public Task ErrorAsync(JsonObject error) => JsonAsync((int)error["status"]!, error);

    private static void WriteValue(Utf8JsonWriter json, JsonNode? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            value.WriteTo(json);
        }
    }

    private JsonNode Filtered(int status, JsonNode body) =>
        status < 300 && Query("filter_path") is { Length: > 0 } filterPath ? ResponseFilter.Apply(body, filterPath) : body;

    public Task NoHandlerAsync() => ErrorAsync(400, "illegal_argument_exception", $"no handler found for uri [{http.Request.Path}{http.Request.QueryString}] and method [{Method}]");
}
