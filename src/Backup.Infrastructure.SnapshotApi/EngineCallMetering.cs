using System.Diagnostics;
using System.Net;
using Backup.Application.Observing;
using Polly.Timeout;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// Measures every engine call as the service experiences it (retries included) and counts the ones that fail. The
/// operation is read from the method and path, so the adapter's code stays free of metrics.
/// </summary>
internal sealed class EngineCallMetering(BackupMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = OperationOf(request.Method, request.RequestUri);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.EngineCallEnded(operation, OutcomeOf(response.StatusCode), Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            metrics.EngineCallEnded(operation, EngineCallOutcome.Cancelled, Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            metrics.EngineCallEnded(operation, EngineCallOutcome.Unreachable, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private static EngineCallOutcome OutcomeOf(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => EngineCallOutcome.Success,
        404 => EngineCallOutcome.NotFound,
        _ => EngineCallOutcome.ErrorStatus,
    };

    /// <summary>A bounded set of names for the calls the adapter makes; the engine may sit under a path prefix.</summary>
    internal static string OperationOf(HttpMethod method, Uri? uri)
    {
        var segments = (uri is null ? "" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0])
            .Split('/', StringSplitOptions.RemoveEmptyEntries);
        var api = Array.FindIndex(segments, s => s.StartsWith('_'));
        if (api < 0)
        {
            return method == HttpMethod.Get ? "engine_info" : "other";
        }

        var rest = segments[(api + 1)..];
        return (segments[api], method.Method, rest.Length) switch
        {
            ("_resolve", "GET", _) => "resolve_indices",
            ("_snapshot", "PUT", 2) => "create_snapshot",
            ("_snapshot", "DELETE", 2) => "delete_snapshots",
            ("_snapshot", "GET", 2) when rest[1] == "_current" => "get_running_snapshots",
            ("_snapshot", "GET", 2) when IsPattern(rest[1]) => "list_snapshots",
            ("_snapshot", "GET", 2) => "get_snapshot",
            ("_snapshot", "GET", <= 1) => "get_repository",
            _ => "other",
        };
    }

    private static bool IsPattern(string name) =>
        name.Contains('*', StringComparison.Ordinal)
        || name.Contains("%2A", StringComparison.OrdinalIgnoreCase)
        || name.Contains(',', StringComparison.Ordinal)
        || name.Contains("%2C", StringComparison.OrdinalIgnoreCase);
}
