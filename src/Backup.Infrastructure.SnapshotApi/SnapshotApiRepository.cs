using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// <see cref="ISnapshotRepository"/> over the snapshot REST API that Elasticsearch and OpenSearch share; the
/// <see cref="EngineDialect"/> carries the little that differs. Engine faults become results here, and only here.
/// </summary>
internal sealed class SnapshotApiRepository(
    HttpClient http,
    EngineDialect dialect,
    IOptions<BackupOptions> backup,
    IOptions<DatabaseOptions> database) : ISnapshotRepository
{
    private readonly EngineCalls _engine = new(http, backup, database);

    private string Repository => _engine.Repository;

    public async Task<Result<IReadOnlyList<string>>> GetIndicesAsync(string pattern, CancellationToken cancellationToken)
    {
        var resolved = await GetAsync($"_resolve/index/{Uri.EscapeDataString(pattern)}", SnapshotWireContext.Default.ResolveIndexResponse,
            $"listing the indices matching {pattern}", cancellationToken);
        return resolved.IsSuccess
            ? Result.Success<IReadOnlyList<string>>([.. (resolved.Value.Indices ?? []).Select(i => i.Name)])
            : resolved.Error;
    }

    public async Task<Result<SnapshotCreation>> CreateSnapshotAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name;
        var body = new CreateSnapshotBody(
            request.Indices,
            IgnoreUnavailable: false,
            request.IncludeGlobalState,
            new SnapshotMetadata(name.BackupId.Value, name.Version, name.PartNumber, name.PartCount),
            dialect.FeatureStates);
        var operation = $"creating snapshot {name}";
        using var content = JsonContent.Create(body, SnapshotWireContext.Default.CreateSnapshotBody);
        var sent = await SendAsync(HttpMethod.Put, $"_snapshot/{Repository}/{Uri.EscapeDataString(name.ToString())}?wait_for_completion=false",
            content, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.IsSuccessStatusCode)
        {
            return SnapshotCreation.Accepted;
        }

        var error = await EngineError.ReadAsync(response, cancellationToken);
        return error.IsNameInUse ? SnapshotCreation.NameInUse : Translate(error, operation);
    }

    public async Task<Result<IReadOnlyList<Snapshot>>> GetSnapshotsAsync(string pattern, bool verbose, CancellationToken cancellationToken)
    {
        var query = verbose ? "?ignore_unavailable=true" : "?ignore_unavailable=true&verbose=false";
        var listed = await GetAsync($"_snapshot/{Repository}/{Uri.EscapeDataString(pattern)}{query}", SnapshotWireContext.Default.GetSnapshotsResponse,
            $"reading the snapshots matching {pattern}", cancellationToken);
        return listed.IsSuccess ? Result.Success(ToSnapshots(listed.Value)) : listed.Error;
    }

    public async Task<Result<Snapshot?>> GetSnapshotAsync(SnapshotName name, CancellationToken cancellationToken)
    {
        var operation = $"reading snapshot {name}";
        var sent = await SendAsync(HttpMethod.Get, $"_snapshot/{Repository}/{Uri.EscapeDataString(name.ToString())}", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.IsSuccessStatusCode)
        {
            var body = await ReadAsync(response, SnapshotWireContext.Default.GetSnapshotsResponse, operation, cancellationToken);
            return body.IsSuccess ? ToSnapshots(body.Value).FirstOrDefault(s => s.Name == name) : body.Error;
        }

        var error = await EngineError.ReadAsync(response, cancellationToken);
        return error.IsSnapshotMissing ? (Snapshot?)null : Translate(error, operation);
    }

    public async Task<Result<IReadOnlyList<Snapshot>>> GetRunningSnapshotsAsync(CancellationToken cancellationToken)
    {
        var listed = await GetAsync($"_snapshot/{Repository}/_current", SnapshotWireContext.Default.GetSnapshotsResponse,
            "reading the running snapshots", cancellationToken);
        return listed.IsSuccess ? Result.Success(ToSnapshots(listed.Value)) : listed.Error;
    }

    public async Task<Result> DeleteSnapshotsAsync(IReadOnlyList<SnapshotName> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            throw new ArgumentException("Deleting no snapshot is a bug: an empty list would read as a pattern.", nameof(names));
        }

        var list = string.Join(',', names.Select(n => Uri.EscapeDataString(n.ToString())));
        var operation = $"deleting snapshots {string.Join(", ", names)}";
        var sent = await SendAsync(HttpMethod.Delete, $"_snapshot/{Repository}/{list}", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        return response.IsSuccessStatusCode
            ? Result.Success()
            : Translate(await EngineError.ReadAsync(response, cancellationToken), operation);
    }

    private static IReadOnlyList<Snapshot> ToSnapshots(GetSnapshotsResponse response) =>
    [
        .. (response.Snapshots ?? [])
            .Select(info => SnapshotName.TryParse(info.Snapshot, out var name)
                ? new Snapshot(
                    name,
                    info.State,
                    Time(info.StartTimeInMillis),
                    Time(info.EndTimeInMillis),
                    info.Failures?.Select(f => f.Reason ?? "").ToList())
                : null)
            .OfType<Snapshot>(),
    ];

    private static DateTimeOffset? Time(long? millis) => millis is > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(millis.Value) : null;

    private Task<Result<T>> GetAsync<T>(string path, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken) =>
        _engine.GetAsync(path, type, operation, cancellationToken);

    private Task<Result<T>> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken) =>
        _engine.ReadAsync(response, type, operation, cancellationToken);

    private Task<Result<HttpResponseMessage>> SendAsync(
        HttpMethod method, string path, HttpContent? content, string operation, CancellationToken cancellationToken) =>
        _engine.SendAsync(method, path, content, operation, cancellationToken);

    private Error Translate(EngineError error, string operation) => _engine.Translate(error, operation);
}
