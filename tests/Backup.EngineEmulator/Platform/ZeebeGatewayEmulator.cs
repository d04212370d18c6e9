using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator.Platform;

/// <summary>
/// Zeebe's management port (the 8.7 gateway, or 8.8's unified app) as ../shared/spec/platform-backup.md §2–3 records it:
/// the backup API (<c>actuator/backups</c> up to 8.7, <c>actuator/backupRuntime</c> on 8.8; BackupEndpoint,
/// BackupRequestHandler), the exporting API (ExportingEndpoint: HTTP 200 always, the outcome's status in the body), and
/// a broker's <c>actuator/partitions</c> with each partition's <c>exporterPhase</c>. Switches make it fail as brokers do.
/// </summary>
public sealed class ZeebeGatewayEmulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, string[]> _backups = [];
    private readonly Dictionary<long, string?> _failures = [];
    private readonly List<string> _calls = [];
    private readonly string[] _phases;
    private readonly string _backupPath;
    private readonly TimeProvider _time;
    private long _latestId;
    private LoopbackHost? _host;

    private ZeebeGatewayEmulator(string versionLine, int partitions, TimeProvider time)
    {
        VersionLine = versionLine;
        _backupPath = versionLine == "8.8" ? "backupRuntime" : "backups";
        _phases = [.. Enumerable.Repeat("EXPORTING", partitions)];
        _time = time;
    }

    public string VersionLine { get; }

    public Uri Url => _host?.Url ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>A broker is down: the topology is incomplete, so backups answer 502 and exporting calls fail whole.</summary>
    public bool BrokerDown { get; set; }

    /// <summary>The next pause reaches partition 1 only and answers (in the body) status 500: a partial pause.</summary>
    public bool PartialPause { get; set; }

    /// <summary>Backups taken from now on fail on partition 1 with this reason.</summary>
    public string? FailBackupsWith { get; set; }

    /// <summary>While true, new backups stay IN_PROGRESS on every partition.</summary>
    public bool HoldBackups { get; set; }

    /// <summary>
    /// Calls starting with this ("POST actuator/exporting/pause") hang for <see cref="HangFor"/>, after being applied
    /// or before, as a broker that acts but answers late (or not at all, to a caller that was killed).
    /// </summary>
    public (string Call, bool AfterApplying)? Hang { get; set; }

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every call as "METHOD path?query", in order.</summary>
    public IReadOnlyList<string> Calls { get { lock (_gate) { return [.. _calls]; } } }

    /// <summary>Each partition's exporter phase: EXPORTING, PAUSED or SOFT_PAUSED.</summary>
    public IReadOnlyList<string> ExporterPhases { get { lock (_gate) { return [.. _phases]; } } }

    public static async Task<ZeebeGatewayEmulator> StartAsync(string versionLine, int partitions = 3, int port = 0, TimeProvider? time = null)
    {
        var emulator = new ZeebeGatewayEmulator(versionLine, partitions, time ?? TimeProvider.System);
        emulator._host = await LoopbackHost.StartAsync(emulator.HandleAsync, port);
        return emulator;
    }

    /// <summary>Someone else (an operator, a script) pauses exporting behind the service's back.</summary>
    public void PauseExporting(bool soft)
    {
        lock (_gate)
        {
            Array.Fill(_phases, soft ? "SOFT_PAUSED" : "PAUSED");
        }
    }

    /// <summary>Every held backup completes.</summary>
    public void CompleteBackups()
    {
        lock (_gate)
        {
            foreach (var states in _backups.Values)
            {
                for (var i = 0; i < states.Length; i++)
                {
                    states[i] = states[i] == "IN_PROGRESS" ? "COMPLETED" : states[i];
                }
            }
        }
    }

    public bool HasBackup(long id)
    {
        lock (_gate)
        {
            return _backups.ContainsKey(id);
        }
    }

    public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext http)
    {
        var path = (http.Request.Path.Value ?? "/").Trim('/');
        lock (_gate)
        {
            _calls.Add($"{http.Request.Method} {path}{http.Request.QueryString}");
        }

        var call = $"{http.Request.Method} {path}";
        var hang = Hang is { } hung && call.StartsWith(hung.Call, StringComparison.Ordinal) ? Hang : null;
        if (hang is { AfterApplying: false })
        {
            await HangAsync(http);
        }

        var segments = path.Split('/');
        var (status, body) = (http.Request.Method, segments) switch
        {
            ("POST", ["actuator", var endpoint]) when endpoint == _backupPath => TakeBackup(await ReadBodyAsync(http)),
            ("GET", ["actuator", var endpoint]) when endpoint == _backupPath => (200, ListBackups()),
            ("GET", ["actuator", var endpoint, var id]) when endpoint == _backupPath => GetBackup(id),
            ("DELETE", ["actuator", var endpoint, var id]) when endpoint == _backupPath => DeleteBackup(id),
            ("POST", ["actuator", "exporting", var operation]) => (200, Exporting(operation, http.Request.Query["soft"] == "true")),
            ("GET", ["actuator", "partitions"]) => (200, Partitions()),
            _ => (404, new JsonObject { ["timestamp"] = _time.GetUtcNow().ToString("O"), ["status"] = 404, ["error"] = "Not Found", ["path"] = $"/{path}" }),
        };
        if (hang is { AfterApplying: true })
        {
            await HangAsync(http);
        }

        if (body is null)
        {
            http.Response.StatusCode = status;
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    private async Task HangAsync(HttpContext http)
    {
        try
        {
            await Task.Delay(HangFor, _time, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller went away.
        }
    }

    private (int, JsonNode?) TakeBackup(JsonObject? request)
    {
        // The docs' curl sends the id as a string, which the actuator coerces.
        var id = request?["backupId"] switch
        {
            JsonValue value when value.TryGetValue<long>(out var number) => number,
            JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        if (id <= 0)
        {
            return (400, Message("A backupId must be provided and it must be > 0"));
        }

        lock (_gate)
        {
            if (BrokerDown)
            {
                return (502, Message($"Expected to send request to all {_phases.Length} partitions, but found only {_phases.Length - 1} partitions in topology."));
            }

            if (id <= _latestId)
            {
                return (409, Message(
                    $"Requested backup has id {id}. The latest backup has id {_latestId}. A backupId is an integer and must be greater than the ID of previous backups that are completed, failed, or deleted. Zeebe does not take two backups with the same ids."));
            }

            _latestId = id;
            var states = Enumerable.Repeat(HoldBackups ? "IN_PROGRESS" : "COMPLETED", _phases.Length).ToArray();
            if (FailBackupsWith is not null)
            {
                states[0] = "FAILED";
            }

            _backups[id] = states;
            _failures[id] = FailBackupsWith;
        }

        return (202, Message($"A backup with id {id} has been scheduled. Use GET actuator/backups/{id} to monitor the status."));
    }

    private (int, JsonNode?) GetBackup(string text)
    {
        if (!long.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            return (400, Message($"Expected a backup ID or prefix ending with '*', but got '{text}'."));
        }

        lock (_gate)
        {
            return _backups.ContainsKey(id) ? (200, Info(id, verbose: true)) : (404, Message($"Backup with id {id} does not exist"));
        }
    }

    private JsonArray ListBackups()
    {
        lock (_gate)
        {
            return [.. _backups.Keys.Select(id => (JsonNode)Info(id, verbose: false))];
        }
    }

    private (int, JsonNode?) DeleteBackup(string text)
    {
        if (!long.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            return (400, Message($"Expected a backup ID, but got '{text}'."));
        }

        lock (_gate)
        {
            // Sent to every partition; an unknown id is also 204. The id stays used: ids are never reused (#36191).
            _backups.Remove(id);
        }

        return (204, null);
    }

    /// <summary>BackupRequestHandler's aggregate: FAILED, then INCOMPLETE, IN_PROGRESS, DOES_NOT_EXIST, COMPLETED.</summary>
    private JsonObject Info(long id, bool verbose)
    {
        var states = _backups[id];
        var reason = _failures.GetValueOrDefault(id);
        var details = new JsonArray();
        for (var i = 0; i < states.Length; i++)
        {
            var detail = new JsonObject { ["partitionId"] = i + 1, ["state"] = states[i] };
            if (states[i] == "FAILED")
            {
                detail["failureReason"] = reason;
            }

            detail["createdAt"] = "2026-11-29T10:00:00.000000000Z";
            if (verbose)
            {
                detail["lastUpdatedAt"] = "2026-11-29T10:00:01.000000000Z";
                detail["snapshotId"] = $"{id}-1-{i + 1}-1";
                detail["checkpointPosition"] = 5;
            }

            detail["brokerVersion"] = VersionLine == "8.8" ? "8.8.0" : "8.7.2";
            details.Add(detail);
        }

        var state = states.Contains("FAILED") ? "FAILED" : states.Contains("IN_PROGRESS") ? "IN_PROGRESS" : "COMPLETED";
        var info = new JsonObject { ["backupId"] = id, ["state"] = state };
        if (state == "FAILED")
        {
            info["failureReason"] = $"Backup on partition 1 failed due to {reason}. ";
        }

        info["details"] = details;
        return info;
    }

    /// <summary>ExportingEndpoint: the HTTP status is always 200; the WebEndpointResponse's status is the outcome.</summary>
    private JsonObject Exporting(string operation, bool soft)
    {
        lock (_gate)
        {
            if (operation is not ("pause" or "resume"))
            {
                return Outcome(500, $"Unknown operation {operation}");
            }

            if (BrokerDown)
            {
                return Outcome(500, $"Expected {_phases.Length} members of partition 1 but found {_phases.Length - 1}, current topology: ...");
            }

            var phase = operation == "resume" ? "EXPORTING" : soft ? "SOFT_PAUSED" : "PAUSED";
            if (operation == "pause" && PartialPause)
            {
                PartialPause = false;
                _phases[0] = phase;
                return Outcome(500, "Failed to pause exporting on partition 2: request timed out");
            }

            Array.Fill(_phases, phase);
            return Outcome(204, null);
        }
    }

    private JsonObject Partitions()
    {
        lock (_gate)
        {
            var partitions = new JsonObject();
            for (var i = 0; i < _phases.Length; i++)
            {
                partitions[(i + 1).ToString(CultureInfo.InvariantCulture)] = new JsonObject
                {
                    ["role"] = "LEADER",
                    ["snapshotId"] = $"1-1-{i + 1}-1",
                    ["processedPosition"] = 10,
                    ["processedPositionInSnapshot"] = 5,
                    ["streamProcessorPhase"] = "PROCESSING",
                    ["exportedPosition"] = 10,
                    ["exporterPhase"] = _phases[i],
                };
            }

            return partitions;
        }
    }

    private static JsonObject Outcome(int status, string? message) => new()
    {
        ["body"] = message is null ? null : Message(message),
        ["status"] = status,
        ["contentType"] = null,
    };

    private static JsonObject Message(string message) => new() { ["message"] = message };

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonNode>(http.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
