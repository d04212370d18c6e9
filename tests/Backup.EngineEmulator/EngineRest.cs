using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Backup.EngineEmulator;

/// <summary>The REST dispatcher: records each call, applies the fault switches, then routes it like the engine.</summary>
internal sealed class EngineRest(EngineFlavor flavor, EngineState state, EmulatorFaults faults, List<RecordedRequest> requests)
{
    private readonly Lock _clock = new();
    private int _answering;
    private long _answeringSince;
    private long _answeringTicks;

    /// <summary>
    /// The time during which at least one request was being answered, each from its arrival to its answer written:
    /// answers that overlap count once, so a client asking several things at once is not credited the engine's time twice.
    /// </summary>
    public TimeSpan AnsweringTime
    {
        get
        {
            lock (_clock)
            {
                return Stopwatch.GetElapsedTime(0, _answeringTicks);
            }
        }
    }

    public async Task HandleAsync(HttpContext http)
    {
        lock (_clock)
        {
            if (_answering++ == 0)
            {
                _answeringSince = Stopwatch.GetTimestamp();
            }
        }

        try
        {
            await AnswerAsync(http);
        }
        finally
        {
            lock (_clock)
            {
                if (--_answering == 0)
                {
                    _answeringTicks += Stopwatch.GetTimestamp() - _answeringSince;
                }
            }
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }

        var recorded = new RecordedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "/",
            http.Request.QueryString.Value ?? "",
            body,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        lock (requests)
        {
            requests.Add(recorded);
        }

        if (!flavor.IsOpenSearch())
        {
            http.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        }

        var call = new Call(http, flavor, state, faults, Segments(http.Request.Path.Value), body);
        if (faults.AppliesTo(recorded))
        {
            if (faults.Hang is { } hang)
            {
                await Task.Delay(hang, http.RequestAborted);
            }

            if (faults.DropConnections)
            {
                http.Abort();
                return;
            }

            if (faults.StatusCode is { } status)
            {
                await call.ErrorAsync(status, status == 503 ? "master_not_discovered_exception" : "exception", "emulated engine fault");
                return;
            }
        }

        if ((faults.RequireBasicAuth is { } required && !IsAuthenticated(http, required))
            || (faults.RequireApiKey is { } key && http.Request.Headers.Authorization.ToString() != $"ApiKey {key}"))
        {
            await RefuseAsync(call);
            return;
        }

        try
        {
            await (ApiCatalog.RefuseUnknownParameters(call) ?? RouteAsync(call));
        }
        catch (JsonException exception)
        {
            await call.ErrorAsync(400, "x_content_parse_exception", $"[1:1] failed to parse request body: {exception.Message}");
        }
    }

    private static Task RouteAsync(Call call) => call.Segments switch
    {
        [] => call.Method is "GET" or "HEAD" ? call.OkAsync(Wire.RootInfo(call.Flavor)) : call.NoHandlerAsync(),
        ["_snapshot", ..] => SnapshotRoutes.HandleAsync(call),
        ["_resolve", "index", var expression] when call.Method == "GET" => ResolveIndexRoute.HandleAsync(call, expression),
        ["_cat", "snapshots", ..] when call.Method == "GET" => CatSnapshotsRoute.HandleAsync(call),
        ["_cluster", "health", ..] when call.Method == "GET" => ClusterHealthRoute.HandleAsync(call),
        ["_capabilities"] when call.Method == "GET" && ApiCatalog.Capable(call.Flavor) => CapabilitiesRoute.HandleAsync(call),
        ["_index_template"] => IndexTemplateRoutes.HandleAsync(call, null),
        ["_index_template", var template] => IndexTemplateRoutes.HandleAsync(call, template),
        [var index, "_close" or "_open"] when call.Method == "POST" => IndexStateRoutes.HandleAsync(call, index),
        ["_cat", "indices"] when call.Method == "GET" => CatIndicesRoute.HandleAsync(call, null),
        ["_cat", "indices", var expression] when call.Method == "GET" => CatIndicesRoute.HandleAsync(call, expression),
        [var index] when !index.StartsWith('_') => IndexRoutes.HandleAsync(call, index),
        [var index, "_doc" or "_create", var id] when !index.StartsWith('_') => DocumentRoutes.HandleAsync(call, index, id),
        [var index, "_search"] when !index.StartsWith('_') => DocumentRoutes.HandleAsync(call, index, null),
        _ => call.NoHandlerAsync(),
    };

    private static string[] Segments(string? path) =>
        [.. (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    private static bool IsAuthenticated(HttpContext http, (string User, string Password) required)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)) == $"{required.User}:{required.Password}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Elasticsearch's security answers with its error envelope; OpenSearch's security plugin with plain text.</summary>
    private static Task RefuseAsync(Call call)
    {
        if (call.Flavor.IsOpenSearch())
        {
            call.Http.Response.Headers.WWWAuthenticate = "Basic realm=\"OpenSearch Security\"";
            return call.WholeAsync(401, "text/plain; charset=UTF-8", "Unauthorized");
        }

        call.Http.Response.Headers.WWWAuthenticate = "Basic realm=\"security\" charset=\"UTF-8\"";
        return call.ErrorAsync(401, "security_exception", $"missing authentication credentials for REST request [{call.Http.Request.Path}]");
    }
}
