using System.Net.Http.Json;
using Backup.Infrastructure.SnapshotApi.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// Asks the engine what it is (<c>GET /</c>) once at start-up: a <c>Database:Type</c> that does not match the engine
/// stops the service with one clear line; an engine that cannot be reached yet is only a warning.
/// </summary>
internal sealed partial class EngineCheck(
    IHttpClientFactory clients,
    EngineDialect dialect,
    IOptions<DatabaseOptions> database,
    IHostApplicationLifetime lifetime,
    ILogger<EngineCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var url = database.Value.Url;
        RootInfo? root;
        try
        {
            root = await clients.CreateClient(DependencyInjection.EngineClient)
                .GetFromJsonAsync("", SnapshotWireContext.Default.RootInfo, stoppingToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or Polly.Timeout.TimeoutRejectedException
                                              || (exception is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            LogUnreachable(logger, database.Value.EngineName, url, exception.Message);
            return;
        }

        var found = root?.Version?.Distribution == "opensearch" ? DatabaseType.OpenSearch : DatabaseType.Elasticsearch;
        var version = root?.Version?.Number ?? "of unknown version";
        if (found != dialect.Type)
        {
            LogMismatch(logger, dialect.Type.ToString().ToLowerInvariant(), url, found, version, found.ToString().ToLowerInvariant());
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        LogConnected(logger, found, version, url);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Engine} {Version} at {Url}")]
    private static partial void LogConnected(ILogger logger, DatabaseType engine, string version, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Engine} at {Url} cannot be reached yet ({Reason}); backup calls answer 502 until it can")]
    private static partial void LogUnreachable(ILogger logger, string engine, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database:Type is '{Configured}' but the engine at {Url} is {Found} {Version}: set Database:Type={Expected}. Stopping.")]
    private static partial void LogMismatch(ILogger logger, string configured, Uri url, DatabaseType found, string version, string expected);
}
