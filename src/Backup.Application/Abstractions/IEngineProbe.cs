using Backup.Domain;

namespace Backup.Application.Abstractions;

/// <summary>
/// Looks at the engine and the configured repository without touching a snapshot, for the health endpoint. Results
/// follow <see cref="ISnapshotRepository"/>'s: a missing repository is <see cref="ErrorKind.NotFound"/>, an engine
/// that cannot be reached <see cref="ErrorKind.EngineUnreachable"/>.
/// </summary>
public interface IEngineProbe
{
    /// <summary>What the engine says it is (<c>GET /</c>).</summary>
    Task<Result<EngineIdentity>> IdentifyAsync(CancellationToken cancellationToken);

    /// <summary>Whether the configured repository exists (<c>GET _snapshot/&lt;repository&gt;</c>).</summary>
    Task<Result> FindRepositoryAsync(CancellationToken cancellationToken);
}

/// <summary>The engine's product and version, e.g. Elasticsearch 8.15.0.</summary>
public sealed record EngineIdentity(string Engine, string Version);
