using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// Whether the engine is answering, as every call finds it: an outage is logged once when it starts (a warning with
/// the engine's URL and the cause) and once when it ends, however many calls fail or are retried meanwhile.
/// </summary>
internal sealed partial class EngineOutage(IOptions<DatabaseOptions> options, TimeProvider time, ILogger<EngineOutage> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;

    public void CallFailed(Exception cause)
    {
        lock (_gate)
        {
            if (_since is not null)
            {
                return;
            }

            _since = time.GetUtcNow();
        }

        LogStarted(logger, options.Value.Url, cause.InnerException?.Message ?? cause.Message);
    }

    public void Answered()
    {
        DateTimeOffset since;
        lock (_gate)
        {
            if (_since is not { } started)
            {
                return;
            }

            since = started;
            _since = null;
        }

        LogEnded(logger, options.Value.Url, time.GetUtcNow() - since);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine at {Url} cannot be reached: {Cause}. Calls to it fail (and reads are retried) until it answers again; this is logged once.")]
    private static partial void LogStarted(ILogger logger, Uri url, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "The engine at {Url} answers again, after {Duration} unreachable.")]
    private static partial void LogEnded(ILogger logger, Uri url, TimeSpan duration);
}

/// <summary>Tells <see cref="EngineOutage"/> how each engine call (retries included) ended.</summary>
internal sealed class EngineOutageWatch(EngineOutage outage) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outage.Answered();
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            outage.CallFailed(exception);
            throw;
        }
    }
}
