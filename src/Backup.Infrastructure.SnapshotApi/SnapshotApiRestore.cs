using System.Net.Http.Json;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Domain.Platform;
using Backup.Infrastructure.SnapshotApi.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// <see cref="ISnapshotRestore"/> over the REST API both engines share. Reads go through the service's engine client
/// (bounded, retried); a restore waits on a client of its own, since restoring a large index takes far longer than
/// <c>Database:RequestTimeout</c>.
/// </summary>
internal sealed class SnapshotApiRestore(
    EngineCalls reads,
    EngineCalls restores) : ISnapshotRestore
{
    /// <summary>Engines refuse request lines beyond 4 KB by default: long index lists are sent in several requests.</summary>
    private const int MaxListLength = 3000;

    public async Task<Result<IReadOnlyDictionary<SnapshotName, IReadOnlyList<string>>>> GetSnapshotIndicesAsync(
        SnapshotSelection selection, CancellationToken cancellationToken)
    {
        var listed = await ReadSnapshotsAsync(selection.Pattern, cancellationToken);
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        var byName = new Dictionary<SnapshotName, IReadOnlyList<string>>();
        foreach (var snapshot in listed.Value.Snapshots ?? [])
        {
            if (SnapshotName.TryParse(snapshot.Snapshot, out var name))
            {
                byName[name] = snapshot.Indices ?? [];
            }
        }

        return byName;
    }

    public async Task<Result<IReadOnlyList<SnapshotContents>>> GetPlatformBackupSnapshotsAsync(BackupId id, CancellationToken cancellationToken)
    {
        var listed = await ReadSnapshotsAsync(SnapshotName.PatternForPlatformBackup(id), cancellationToken);
        return listed.IsSuccess
            ? (listed.Value.Snapshots ?? []).Select(s => new SnapshotContents(s.Snapshot, s.State, s.Indices ?? [])).ToList()
            : listed.Error;
    }

    public async Task<Result> DeleteIndicesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0 || names.Any(n => n.Length == 0 || n.Contains('*', StringComparison.Ordinal) || n.Contains(',', StringComparison.Ordinal) || n.StartsWith('_')))
        {
            throw new ArgumentException("Indices are deleted by exact name only: an empty list or a pattern could reach other indices.", nameof(names));
        }

        foreach (var batch in Batches(names))
        {
            var list = string.Join(',', batch.Select(Uri.EscapeDataString));
            var operation = $"deleting indices {string.Join(", ", batch)}";
            var sent = await reads.SendAsync(HttpMethod.Delete, list, null, operation, cancellationToken);
            if (!sent.IsSuccess)
            {
                return sent.Error;
            }

            using var response = sent.Value;
            if (!response.IsSuccessStatusCode)
            {
                return reads.Translate(await EngineError.ReadAsync(response, cancellationToken), operation);
            }
        }

        return Result.Success();
    }

    public async Task<Result> RestoreSnapshotAsync(string snapshot, IReadOnlyList<string> indices, CancellationToken cancellationToken)
    {
        var operation = $"restoring snapshot {snapshot}";
        var body = new RestoreSnapshotBody(string.Join(',', indices), IgnoreUnavailable: false, IncludeGlobalState: false);
        using var content = JsonContent.Create(body, RestoreWireContext.Default.RestoreSnapshotBody);
        var sent = await restores.SendAsync(HttpMethod.Post,
            $"_snapshot/{restores.Repository}/{Uri.EscapeDataString(snapshot)}/_restore?wait_for_completion=true", content, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        return response.IsSuccessStatusCode
            ? Result.Success()
            : restores.Translate(await EngineError.ReadAsync(response, cancellationToken), operation);
    }

    private Task<Result<SnapshotIndicesResponse>> ReadSnapshotsAsync(string pattern, CancellationToken cancellationToken) =>
        reads.GetAsync($"_snapshot/{reads.Repository}/{Uri.EscapeDataString(pattern)}?ignore_unavailable=true",
            RestoreWireContext.Default.SnapshotIndicesResponse, $"reading the indices of the snapshots matching {pattern}", cancellationToken);

    private static IEnumerable<List<string>> Batches(IReadOnlyList<string> names)
    {
        var batch = new List<string>();
        var length = 0;
        foreach (var name in names)
        {
            if (batch.Count > 0 && length + name.Length + 1 > MaxListLength)
            {
                yield return batch;
                batch = [];
                length = 0;
            }

            batch.Add(name);
            length += name.Length + 1;
        }

        yield return batch;
    }

    /// <summary>Builds the adapter from the container: the engine client for reads, the restore client for restores.</summary>
    internal static SnapshotApiRestore Create(IServiceProvider provider) => new(
        provider.GetRequiredService<EngineCalls>(),
        ActivatorUtilities.CreateInstance<EngineCalls>(
            provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(RestoreDependencyInjection.RestoreClient)));
}
