using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary><see cref="IEngineProbe"/> over the two read-only calls both engines answer alike.</summary>
internal sealed class EngineProbe(EngineCalls engine, IOptions<BackupOptions> backup) : IEngineProbe
{
    public async Task<Result<EngineIdentity>> IdentifyAsync(CancellationToken cancellationToken)
    {
        var root = await engine.GetAsync("", SnapshotWireContext.Default.RootInfo, "asking what it is", cancellationToken);
        return root.IsSuccess
            ? new EngineIdentity(root.Value.Version?.Distribution == "opensearch" ? "OpenSearch" : "Elasticsearch", root.Value.Version?.Number ?? "unknown")
            : root.Error;
    }

    public async Task<Result> FindRepositoryAsync(CancellationToken cancellationToken)
    {
        var operation = $"reading repository {backup.Value.RepositoryName}";
        var sent = await engine.SendAsync(HttpMethod.Get, $"_snapshot/{engine.Repository}", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        return response.IsSuccessStatusCode
            ? Result.Success()
            : engine.Translate(await EngineError.ReadAsync(response, cancellationToken), operation);
    }
}
