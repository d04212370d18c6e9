using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Application.Platform;
using Backup.Domain;
using Backup.Domain.Platform;
using Backup.Infrastructure.SnapshotApi.Wire;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.SnapshotApi.Platform;

/// <summary>
/// <see cref="IPlatformRecords"/> over the engine's document and snapshot APIs: documents <c>run-{id}</c> and
/// <c>lock</c> in <c>Platform:RecordIndex</c>, written with <c>refresh=true</c> so the next search sees them, the lock
/// created with <c>op_type=create</c> and changed only at the sequence number read (<c>if_seq_no</c>).
/// </summary>
internal sealed class PlatformRecordStore(
    HttpClient http,
    EngineDialect dialect,
    IOptions<BackupOptions> backup,
    IOptions<DatabaseOptions> database,
    IOptions<PlatformOptions> platform) : IPlatformRecords
{
    private const string LockId = "lock";

    private readonly EngineCalls _engine = new(http, backup, database);

    private string Index => Uri.EscapeDataString(platform.Value.RecordIndex);

    public async Task<Result<PlatformLock?>> TryLockAsync(PlatformLease lease, CancellationToken cancellationToken) =>
        await WriteLockAsync($"{Index}/_doc/{LockId}?op_type=create&refresh=true", lease, cancellationToken);

    public async Task<Result<PlatformLock?>> GetLockAsync(CancellationToken cancellationToken)
    {
        var read = await ReadDocumentAsync(LockId, PlatformWireContext.Default.GetDocumentResponseLockDocument, cancellationToken);
        return !read.IsSuccess ? read.Error
            : read.Value is { Found: true, Source: { } source } found
                ? new PlatformLock(ToLease(source), Version(found.SeqNo, found.PrimaryTerm))
                : (PlatformLock?)null;
    }

    public Task<Result<PlatformLock?>> ReplaceLockAsync(PlatformLock current, PlatformLease lease, CancellationToken cancellationToken) =>
        WriteLockAsync($"{Index}/_doc/{LockId}?{Condition(current)}&refresh=true", lease, cancellationToken);

    public async Task<Result> ReleaseLockAsync(PlatformLock current, CancellationToken cancellationToken)
    {
        var sent = await _engine.SendAsync(HttpMethod.Delete, $"{Index}/_doc/{LockId}?{Condition(current)}&refresh=true", null,
            "releasing the platform backup lock", cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        // Already gone, or taken over by another replica meanwhile: either way it is not this one's any more.
        return response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict
            ? Result.Success()
            : await FailureAsync(response, "releasing the platform backup lock", cancellationToken);
    }

    public async Task<Result<bool>> CreateRunAsync(PlatformRun run, CancellationToken cancellationToken)
    {
        var written = await WriteAsync($"{Index}/_doc/{RunId(run.Id)}?op_type=create&refresh=true", ToDocument(run),
            PlatformWireContext.Default.RunDocument, $"recording platform backup {run.Id}", cancellationToken);
        return written.IsSuccess ? written.Value is not null : written.Error;
    }

    public async Task<Result> SaveRunAsync(PlatformRun run, CancellationToken cancellationToken)
    {
        var written = await WriteAsync($"{Index}/_doc/{RunId(run.Id)}?refresh=true", ToDocument(run),
            PlatformWireContext.Default.RunDocument, $"recording platform backup {run.Id}", cancellationToken);
        return written.IsSuccess ? Result.Success() : written.Error;
    }

    public async Task<Result<PlatformRun?>> GetRunAsync(BackupId id, CancellationToken cancellationToken)
    {
        var read = await ReadDocumentAsync(RunId(id), PlatformWireContext.Default.GetDocumentResponseRunDocument, cancellationToken);
        return !read.IsSuccess ? read.Error
            : read.Value is { Found: true, Source: { } source } ? ToRun(source) : (PlatformRun?)null;
    }

    public async Task<Result<IReadOnlyList<PlatformRun>>> ListRunsAsync(CancellationToken cancellationToken)
    {
        var sent = await _engine.SendAsync(HttpMethod.Get, $"{Index}/_search?size=10000", null, "listing the platform backups", cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return Result.Success<IReadOnlyList<PlatformRun>>([]);
        }

        if (!response.IsSuccessStatusCode)
        {
            return await FailureAsync(response, "listing the platform backups", cancellationToken);
        }

        var body = await _engine.ReadAsync(response, PlatformWireContext.Default.SearchResponse, "listing the platform backups", cancellationToken);
        return body.IsSuccess
            ? Result.Success<IReadOnlyList<PlatformRun>>([.. (body.Value.Hits?.Hits ?? [])
                .Where(h => h.Id.StartsWith("run-", StringComparison.Ordinal) && h.Source is not null)
                .Select(h => ToRun(h.Source!))
                .OrderByDescending(r => r.Id.Value)])
            : body.Error;
    }

    public async Task<Result> DeleteRunAsync(BackupId id, CancellationToken cancellationToken)
    {
        var operation = $"deleting the record of platform backup {id}";
        var sent = await _engine.SendAsync(HttpMethod.Delete, $"{Index}/_doc/{RunId(id)}?refresh=true", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound
            ? Result.Success()
            : await FailureAsync(response, operation, cancellationToken);
    }

    public async Task<Result> StartRecordsSnapshotAsync(BackupId id, string indices, CancellationToken cancellationToken)
    {
        var name = PlatformNames.RecordsSnapshot(id);
        using var content = JsonContent.Create(new RecordsSnapshotBody(indices, dialect.FeatureStates), PlatformWireContext.Default.RecordsSnapshotBody);
        var sent = await _engine.SendAsync(HttpMethod.Put, $"_snapshot/{_engine.Repository}/{name}?wait_for_completion=false", content,
            $"creating snapshot {name}", cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        return response.IsSuccessStatusCode ? Result.Success() : await FailureAsync(response, $"creating snapshot {name}", cancellationToken);
    }

    public async Task<Result<string?>> GetRecordsSnapshotStateAsync(BackupId id, CancellationToken cancellationToken)
    {
        var name = PlatformNames.RecordsSnapshot(id);
        var operation = $"reading snapshot {name}";
        var sent = await _engine.SendAsync(HttpMethod.Get, $"_snapshot/{_engine.Repository}/{name}", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (!response.IsSuccessStatusCode)
        {
            var error = await EngineError.ReadAsync(response, cancellationToken);
            return error.IsSnapshotMissing ? (string?)null : _engine.Translate(error, operation);
        }

        var body = await _engine.ReadAsync(response, RestoreWireContext.Default.SnapshotIndicesResponse, operation, cancellationToken);
        return body.IsSuccess ? body.Value.Snapshots?.FirstOrDefault(s => s.Snapshot == name)?.State : body.Error;
    }

    public async Task<Result> DeleteRecordsSnapshotAsync(BackupId id, CancellationToken cancellationToken)
    {
        var name = PlatformNames.RecordsSnapshot(id);
        var operation = $"deleting snapshot {name}";
        var sent = await _engine.SendAsync(HttpMethod.Delete, $"_snapshot/{_engine.Repository}/{name}", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.IsSuccessStatusCode)
        {
            return Result.Success();
        }

        var error = await EngineError.ReadAsync(response, cancellationToken);
        return error.IsSnapshotMissing ? Result.Success() : _engine.Translate(error, operation);
    }

    private async Task<Result<PlatformLock?>> WriteLockAsync(string path, PlatformLease lease, CancellationToken cancellationToken)
    {
        var written = await WriteAsync(path, new LockDocument(lease.BackupId.Value, lease.Owner, lease.Until),
            PlatformWireContext.Default.LockDocument, "writing the platform backup lock", cancellationToken);
        return !written.IsSuccess ? written.Error
            : written.Value is { } answer ? new PlatformLock(lease, Version(answer.SeqNo, answer.PrimaryTerm)) : (PlatformLock?)null;
    }

    /// <summary>Writes a document; null when the engine refuses it as a version conflict (exists, or changed meanwhile).</summary>
    private async Task<Result<WriteDocumentResponse?>> WriteAsync<T>(
        string path, T document, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(document, type);
        var sent = await _engine.SendAsync(HttpMethod.Put, path, content, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return (WriteDocumentResponse?)null;
        }

        if (!response.IsSuccessStatusCode)
        {
            return await FailureAsync(response, operation, cancellationToken);
        }

        var body = await _engine.ReadAsync(response, PlatformWireContext.Default.WriteDocumentResponse, operation, cancellationToken);
        return body.IsSuccess ? body.Value : body.Error;
    }

    /// <summary>A document; null (not found) when it, or the whole index, does not exist.</summary>
    private async Task<Result<GetDocumentResponse<T>?>> ReadDocumentAsync<T>(string id, JsonTypeInfo<GetDocumentResponse<T>> type, CancellationToken cancellationToken)
    {
        var operation = $"reading {platform.Value.RecordIndex}/{id}";
        var sent = await _engine.SendAsync(HttpMethod.Get, $"{Index}/_doc/{id}", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (GetDocumentResponse<T>?)null;
        }

        if (!response.IsSuccessStatusCode)
        {
            return await FailureAsync(response, operation, cancellationToken);
        }

        var body = await _engine.ReadAsync(response, type, operation, cancellationToken);
        return body.IsSuccess ? body.Value : body.Error;
    }

    private async Task<Error> FailureAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken) =>
        _engine.Translate(await EngineError.ReadAsync(response, cancellationToken), operation);

    private static string RunId(BackupId id) => $"run-{id}";

    private static string Version(long seqNo, long primaryTerm) => $"{seqNo}:{primaryTerm}";

    private static string Condition(PlatformLock held)
    {
        var parts = held.Version.Split(':');
        return $"if_seq_no={parts[0]}&if_primary_term={parts[1]}";
    }

    private static PlatformLease ToLease(LockDocument document) =>
        new(BackupId.Create(document.BackupId).Value, document.Owner, document.Until);

    private static RunDocument ToDocument(PlatformRun run) => new(
        run.Id.Value,
        run.Line.Name(),
        [.. run.Components.Select(c => c.Name())],
        run.StartedAt,
        run.Step,
        run.ExportingPaused,
        run.Outcome?.ToString().ToUpperInvariant(),
        run.Failure is { } failure ? new FailureDocument(failure.Component.Name(), failure.Step, failure.Reason) : null,
        run.EndedAt);

    private static PlatformRun ToRun(RunDocument document)
    {
        return new PlatformRun(
            BackupId.Create(document.BackupId).Value,
            document.Version == PlatformLine.V88.Name() ? PlatformLine.V88 : PlatformLine.V87,
            [.. document.Components.Select(c => PlatformNames.TryParseComponent(c, out var component) ? component : PlatformComponent.Zeebe).Distinct()],
            document.StartedAt,
            document.Step,
            document.ExportingPaused,
            Enum.TryParse<PlatformOutcome>(document.Outcome, ignoreCase: true, out var outcome) ? outcome : null,
            document.Failure is { } failure && PlatformNames.TryParseComponent(failure.Component, out var failed)
                ? new PlatformFailure(failed, failure.Step, failure.Reason)
                : null,
            document.EndedAt);
    }
}
