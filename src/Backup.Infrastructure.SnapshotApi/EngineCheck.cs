using System.Net.Http.Json;
using Backup.Infrastructure.SnapshotApi.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>What the start-up check found wrong with the engine, if anything: the service exits 1 when it stopped for it.</summary>
public sealed class EngineCompatibility
{
    public string? Problem { get; internal set; }
}

/// <summary>
/// Asks the engine what it is (<c>GET /</c>) once at start-up, before the management port opens: a
/// <c>Database:Type</c> that does not match the engine stops the service with one clear line; an engine that cannot be
/// reached yet is only a warning (the service answers 502 until it can).
/// </summary>
internal sealed partial class EngineCheck(
    IHttpClientFactory clients,
    EngineDialect dialect,
    EngineCompatibility compatibility,
    IOptions<DatabaseOptions> database,
    IHostApplicationLifetime lifetime,
    ILogger<EngineCheck> logger) : IHostedService
{
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = UrlCredentials.Hide(database.Value.Url);
        RootInfo? root;
        try
        {
            root = await clients.CreateClient(DependencyInjection.EngineClient)
                .GetFromJsonAsync("", SnapshotWireContext.Default.RootInfo, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or Polly.Timeout.TimeoutRejectedException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, database.Value.EngineName, url, exception.Message);
            return;
        }

        var found = root?.Version?.Distribution == "opensearch" ? DatabaseType.OpenSearch : DatabaseType.Elasticsearch;
        var version = root?.Version?.Number ?? "of unknown version";
        if (found != dialect.Type)
        {
            compatibility.Problem = $"Database:Type is '{dialect.Type.ToString().ToLowerInvariant()}' but the engine at {url} is {found} {version}";
            LogMismatch(logger, dialect.Type.ToString().ToLowerInvariant(), url, found, version, found.ToString().ToLowerInvariant());
            lifetime.StopApplication();
            return;
        }

        LogConnected(logger, found, version, url);
        if (!IsSupported(found, version))
        {
            LogUnsupported(logger, found, version);
        }
    }

    /// <summary>Elasticsearch 7.17, 8.x, 9.x and OpenSearch 1.x to 3.x are what this service is built and tested for.</summary>
    private static bool IsSupported(DatabaseType engine, string version)
    {
        if (!Version.TryParse(version.Split('-')[0], out var number))
        {
            return false;
        }

        return engine == DatabaseType.OpenSearch
            ? number.Major is >= 1 and <= 3
            : (number.Major == 7 && number.Minor >= 17) || number.Major is 8 or 9;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Engine} {Version} is not a version this service is tested with (Elasticsearch 7.17, 8.x, 9.x; OpenSearch 1.x to 3.x)")]
    private static partial void LogUnsupported(ILogger logger, DatabaseType engine, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Engine} {Version} at {Url}")]
    private static partial void LogConnected(ILogger logger, DatabaseType engine, string version, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Engine} at {Url} cannot be reached yet ({Reason}); backup calls answer 502 until it can")]
    private static partial void LogUnreachable(ILogger logger, string engine, string url, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database:Type is '{Configured}' but the engine at {Url} is {Found} {Version}: set Database:Type={Expected}. Stopping.")]
    private static partial void LogMismatch(ILogger logger, string configured, string url, DatabaseType found, string version, string expected);
}
