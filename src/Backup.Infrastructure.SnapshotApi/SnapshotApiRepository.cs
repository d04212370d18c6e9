using System.Net.Http.Json;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// <see cref="ISnapshotRepository"/> over the snapshot REST API that Elasticsearch and OpenSearch share; the
/// <see cref="EngineDialect"/> carries the little that differs. Engine faults become results here, and only here.
/// </summary>
internal sealed class SnapshotApiRepository(EngineCalls engine, EngineDialect dialect) : ISnapshotRepository
{
    /// <summary>
    /// Snapshots per page of a verbose Elasticsearch listing: a megabyte or two of the engine's answer, held whole
    /// while the engine prepares the next page, and few enough pages that paging costs the engine little more than one
    /// read of everything (each page makes it match and sort every name again).
    /// </summary>
    internal const int PageSize = 10_000;

    /// <summary>
    /// Only what the service reads of a listing (<c>filter_path</c>, which every version of both engines knows): the
    /// indices, shard counts and metadata it leaves out are most of the answer. Errors are never filtered.
    /// </summary>
    internal const string ListedFields =
        "next,snapshots.snapshot,snapshots.state,snapshots.start_time_in_millis,snapshots.end_time_in_millis,snapshots.failures.reason";

    private string Repository => engine.Repository;

    public async Task<Result<IReadOnlyList<string>>> GetIndicesAsync(string pattern, CancellationToken cancellationToken)
    {
        var resolved = await engine.GetAsync($"_resolve/index/{Uri.EscapeDataString(pattern)}", SnapshotWireContext.Default.ResolveIndexResponse,
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

    public async Task<Result<IReadOnlyList<Snapshot>>> GetSnapshotsAsync(SnapshotSelection selection, bool verbose, CancellationToken cancellationToken)
    {
        var pattern = selection.Pattern;
        var path = $"_snapshot/{Repository}/{Uri.EscapeDataString(pattern)}?ignore_unavailable=true&filter_path={ListedFields}";
        var operation = $"reading the snapshots matching {pattern}";
        var snapshots = new List<Snapshot>();
        if (!verbose || !dialect.PagesVerboseListings)
        {
            // Elasticsearch pages only verbose listings (a names-only one is one cheap read of the repository's index);
            // OpenSearch has no paging. Either way the answer is decoded as it arrives, never buffered as text.
            var listed = await ListAsync(verbose ? path : $"{path}&verbose=false", snapshots, verbose, operation, cancellationToken);
            return listed.IsSuccess ? snapshots : listed.Error;
        }

        // Page by page (by name, the order the engine pages most cheaply), so the service holds a page or two of the
        // engine's answer at a time, whatever the repository's size.
        var paged = await new PagedListing(engine, operation).ReadAsync(
            after => $"{path}&sort=name&size={PageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"),
            snapshots,
            verbose,
            cancellationToken);
        return paged.IsSuccess ? snapshots : paged.Error;
    }

    public async Task<Result<Snapshot?>> GetSnapshotAsync(SnapshotName name, CancellationToken cancellationToken)
    {
        var read = await ReadUnlessMissingAsync(
            $"_snapshot/{Repository}/{Uri.EscapeDataString(name.ToString())}", SnapshotListingReader.Into([], verbose: true), $"reading snapshot {name}", cancellationToken);
        return read.IsSuccess ? read.Value?.Snapshots.FirstOrDefault(s => s.Name == name) : read.Error;
    }

    public async Task<Result<SnapshotProgress?>> GetSnapshotProgressAsync(SnapshotName name, CancellationToken cancellationToken)
    {
        var read = await ReadUnlessMissingAsync(
            $"_snapshot/{Repository}/{Uri.EscapeDataString(name.ToString())}/_status", EngineCalls.Deserialize(SnapshotWireContext.Default.SnapshotStatusResponse),
            $"reading the progress of snapshot {name}", cancellationToken);
        return read.IsSuccess ? read.Value?.Snapshots is [var status, ..] ? ToProgress(status) : (SnapshotProgress?)null : read.Error;
    }

    public async Task<Result<IReadOnlyList<Snapshot>>> GetRunningSnapshotsAsync(CancellationToken cancellationToken)
    {
        var running = new List<Snapshot>();
        var listed = await ListAsync($"_snapshot/{Repository}/_current", running, verbose: true, "reading the running snapshots", cancellationToken);
        return listed.IsSuccess ? running : listed.Error;
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

    /// <summary>One snapshot's answer; null when the engine says the snapshot does not exist.</summary>
    private async Task<Result<T?>> ReadUnlessMissingAsync<T>(
        string path, Func<Stream, CancellationToken, Task<T?>> decode, string operation, CancellationToken cancellationToken)
        where T : class
    {
        var sent = await SendAsync(HttpMethod.Get, path, null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.IsSuccessStatusCode)
        {
            var body = await engine.ReadAsync(response, decode, operation, cancellationToken);
            return body.IsSuccess ? body.Value : body.Error;
        }

        var error = await EngineError.ReadAsync(response, cancellationToken);
        return error.IsSnapshotMissing ? (T?)null : Translate(error, operation);
    }

    /// <summary>Reads one listing's answer, adding the snapshots this service named to <paramref name="into"/>.</summary>
    private Task<Result<SnapshotPage>> ListAsync(string path, List<Snapshot> into, bool verbose, string operation, CancellationToken cancellationToken) =>
        engine.GetAsync(path, SnapshotListingReader.Into(into, verbose), operation, cancellationToken);

    /// <summary>The status API says INIT or STARTED (IN_PROGRESS on some versions) while the engine works on a snapshot.</summary>
    private static SnapshotProgress ToProgress(SnapshotStatus status)
    {
        var running = status.State is "INIT" or "STARTED" or "IN_PROGRESS";
        double? done = status switch
        {
            { Stats: { Incremental.SizeInBytes: > 0 and var total, Processed.SizeInBytes: var processed } } => (double)processed / total,
            { ShardsStats.Total: > 0 and var shards } => (double)status.ShardsStats.Done / shards,
            _ => null,
        };
        return new SnapshotProgress(running, done is { } share ? Math.Clamp(share, 0, 1) : null);
    }

    private Task<Result<HttpResponseMessage>> SendAsync(
        HttpMethod method, string path, HttpContent? content, string operation, CancellationToken cancellationToken) =>
        engine.SendAsync(method, path, content, operation, cancellationToken);

    private Error Translate(EngineError error, string operation) => engine.Translate(error, operation);
}
