using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator.Platform;

/// <summary>
/// Optimize's backup API (port 8092, <c>actuator/backups</c>) as ../shared/spec/platform-backup.md §4 records it
/// (BackupRestService, BackupService, SnapshotUtil, BackupWriter): POST answers 202 or 409, and writes its two
/// snapshots (<c>camunda_optimize_{id}_{version}_part_1_of_2</c>: the import indices, <c>part_2_of_2</c>: the others,
/// <c>include_global_state: false</c>) to the engine over the engine's own REST API; GET computes the state from them.
/// </summary>
public sealed class OptimizeEmulator : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> ImportIndices = ["optimize-position-based-import-index_v3", "optimize-timestamp-based-import-index_v5"];

    public static readonly IReadOnlyList<string> OtherIndices = ["optimize-single-process-report_v11", "optimize-process-instance-invoice_v8"];

    private readonly HttpClient _engine;
    private readonly string _repository;
    private readonly string _version;
    private LoopbackHost? _host;

    private OptimizeEmulator(Uri engine, string repository, string version)
    {
        _engine = new HttpClient { BaseAddress = engine };
        _repository = repository;
        _version = version;
    }

    public Uri Url => _host?.Url ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>Starts it, after creating Optimize's indices in the engine (as Optimize does on its first start).</summary>
    public static async Task<OptimizeEmulator> StartAsync(Uri engine, string repository, string version = "8.7.1", int port = 0)
    {
        var emulator = new OptimizeEmulator(engine, repository, version);
        foreach (var index in ImportIndices.Concat(OtherIndices))
        {
            using var created = await emulator._engine.PutAsync(index, null);
        }

        emulator._host = await LoopbackHost.StartAsync(emulator.HandleAsync, port);
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _engine.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "/").Trim('/').Split('/');
        var (status, body) = (http.Request.Method, segments) switch
        {
            ("POST", ["actuator", "backups"]) => await CreateAsync(http),
            ("GET", ["actuator", "backups"]) => (200, await ListAsync()),
            ("GET", ["actuator", "backups", var id]) => await GetAsync(id),
            ("DELETE", ["actuator", "backups", var id]) => await DeleteAsync(id),
            _ => (404, Error("notFoundError", $"No endpoint {http.Request.Method} {http.Request.Path}")),
        };
        http.Response.StatusCode = status;
        if (body is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
        }
    }

    private async Task<(int, JsonNode?)> CreateAsync(HttpContext http)
    {
        JsonNode? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<JsonNode>(http.Request.Body);
        }
        catch (JsonException exception)
        {
            return (400, Error("badRequestError", exception.Message));
        }

        if (request?["backupId"] is not JsonValue value || !value.TryGetValue<long>(out var id) || id < 0)
        {
            return (400, Error("badRequestError", "backupId: must be greater than or equal to 0"));
        }

        var existing = await SnapshotsAsync(id);
        if (existing.Count > 0)
        {
            return (409, Error("conflict",
                $"A backup with ID [{id}] already exists. Found snapshots: [{string.Join(", ", existing.Select(s => (string?)s["snapshot"]))}]"));
        }

        // Part 2 is started once part 1 was accepted, as BackupWriter does on Elasticsearch.
        await TakePartAsync(id, 1, ImportIndices);
        await TakePartAsync(id, 2, OtherIndices);
        return (202, new JsonObject
        {
            ["message"] = $"Backup creation for ID {id} has been scheduled. Use the GET API to monitor completion of backup process",
        });
    }

    private async Task TakePartAsync(long id, int part, IReadOnlyList<string> indices)
    {
        var name = $"camunda_optimize_{id}_{_version}_part_{part}_of_2";
        using var response = await _engine.PutAsJsonAsync(
            $"_snapshot/{_repository}/{name}?wait_for_completion=false",
            new JsonObject { ["indices"] = string.Join(',', indices), ["include_global_state"] = false });
        response.EnsureSuccessStatusCode();
    }

    private async Task<(int, JsonNode?)> GetAsync(string text)
    {
        if (!long.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            return (400, Error("badRequestError", $"Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; For input string: \"{text}\""));
        }

        var snapshots = await SnapshotsAsync(id);
        return snapshots.Count == 0
            ? (404, Error("notFoundError", $"No Optimize backup with ID [{id}] could be found."))
            : (200, Info(id, snapshots));
    }

    private async Task<JsonArray> ListAsync()
    {
        var snapshots = await SnapshotsAsync(null);
        return [.. snapshots.GroupBy(s => long.Parse(((string)s["snapshot"]!).Split('_')[2], CultureInfo.InvariantCulture))
            .Select(group => (JsonNode)Info(group.Key, [.. group]))];
    }

    private async Task<(int, JsonNode?)> DeleteAsync(string text)
    {
        if (!long.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            return (400, Error("badRequestError", $"For input string: \"{text}\""));
        }

        using var deleted = await _engine.DeleteAsync($"_snapshot/{_repository}/camunda_optimize_{id}_*");
        return (204, null);
    }

    /// <summary>BackupService's rules: 2 SUCCESS → COMPLETED; any FAILED/PARTIAL → FAILED; IN_PROGRESS; fewer → INCOMPLETE.</summary>
    private static JsonObject Info(long id, IReadOnlyList<JsonObject> snapshots)
    {
        var states = snapshots.Select(s => (string?)s["state"]).ToList();
        var failed = snapshots.Where(s => (string?)s["state"] is "FAILED" or "PARTIAL").Select(s => (string?)s["snapshot"]).ToList();
        var state = failed.Count > 0 ? "FAILED"
            : states.Contains("IN_PROGRESS") ? "IN_PROGRESS"
            : states.Count(s => s == "SUCCESS") == 2 ? "COMPLETED"
            : "INCOMPLETE";
        return new JsonObject
        {
            ["backupId"] = id,
            ["failureReason"] = failed.Count > 0 ? $"The following snapshots failed: [{string.Join(", ", failed)}]" : null,
            ["state"] = state,
            ["details"] = new JsonArray([.. snapshots.Select(s => (JsonNode)new JsonObject
            {
                ["snapshotName"] = (string?)s["snapshot"],
                ["state"] = (string?)s["state"],
                ["startTime"] = DateTimeOffset.FromUnixTimeMilliseconds((long?)s["start_time_in_millis"] ?? 0).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture).Remove(26, 1),
                ["failures"] = new JsonArray(),
            })]),
        };
    }

    private async Task<IReadOnlyList<JsonObject>> SnapshotsAsync(long? id)
    {
        using var response = await _engine.GetAsync($"_snapshot/{_repository}/camunda_optimize_{(id is null ? "" : $"{id}_")}*?ignore_unavailable=true");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return [.. (body?["snapshots"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(s => id is not null || ((string?)s["snapshot"])?.Split('_').Length > 2)
            .OrderBy(s => (string?)s["snapshot"], StringComparer.Ordinal)];
    }

    private static JsonObject Error(string code, string message) => new()
    {
        ["errorCode"] = code,
        ["errorMessage"] = message,
        ["detailedMessage"] = message,
        ["reportDefinition"] = null,
    };
}
