using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Backup.Application;
using Backup.Domain;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>
/// Sending one request to the engine and reading its answer, shared by the adapters: a fault on the way is the engine
/// being unreachable, an error answer is translated once, here, into the ports' vocabulary.
/// </summary>
internal sealed class EngineCalls(HttpClient http, IOptions<BackupOptions> backup, IOptions<DatabaseOptions> database)
{
    public string Repository => Uri.EscapeDataString(backup.Value.RepositoryName ?? "");

    public string EngineName => database.Value.EngineName;

    /// <summary>
    /// A read whose answer is deserialized as it arrives, never buffered whole: listings of large repositories are
    /// tens of megabytes. The body gets the same time limit as the call.
    /// </summary>
    public Task<Result<T>> GetAsync<T>(string path, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken) =>
        GetAsync(path, Deserialize(type), operation, cancellationToken);

    /// <inheritdoc cref="GetAsync{T}(string, JsonTypeInfo{T}, string, CancellationToken)"/>
    /// <param name="decode">Reads the answer's body; null for an empty one.</param>
    public async Task<Result<T>> GetAsync<T>(
        string path, Func<Stream, CancellationToken, Task<T?>> decode, string operation, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(HttpMethod.Get, path, null, operation, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(database.Value.RequestTimeout);
        try
        {
            return response.IsSuccessStatusCode
                ? await ReadAsync(response, decode, operation, limit.Token)
                : Translate(await EngineError.ReadAsync(response, limit.Token), operation);
        }
        catch (Exception exception) when (exception is IOException || IsConnectivityFault(exception, cancellationToken))
        {
            return Unreachable(operation, exception);
        }
    }

    public Task<Result<T>> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken) =>
        ReadAsync(response, Deserialize(type), operation, cancellationToken);

    public async Task<Result<T>> ReadAsync<T>(
        HttpResponseMessage response, Func<Stream, CancellationToken, Task<T?>> decode, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var value = await decode(body, cancellationToken);
            return value is null ? Error.EngineFailure($"{EngineName} answered {operation} with an empty body.") : value;
        }
        catch (JsonException exception)
        {
            return Unreadable(operation, exception);
        }
    }

    /// <summary>An answer that is not what was asked for: the engine failing.</summary>
    public Error Unreadable(string operation, JsonException exception) =>
        Error.EngineFailure($"{EngineName} answered {operation} with a body this service cannot read: {exception.Message}");

    /// <summary>A body read by the generated deserializer for <paramref name="type"/>.</summary>
    public static Func<Stream, CancellationToken, Task<T?>> Deserialize<T>(JsonTypeInfo<T> type) =>
        (body, cancellationToken) => JsonSerializer.DeserializeAsync(body, type, cancellationToken).AsTask();

    /// <summary>Sends one request; a fault on the way (refused, reset, timed out) is the engine being unreachable.</summary>
    public async Task<Result<HttpResponseMessage>> SendAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        string operation,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (Exception exception) when (IsConnectivityFault(exception, cancellationToken))
        {
            return Unreachable(operation, exception);
        }
    }

    public Error Translate(EngineError error, string operation) => error.IsRepositoryMissing
        ? Error.NotFound(
            $"No repository with name [{backup.Value.RepositoryName}] could be found. Register it in {EngineName} (PUT _snapshot/{backup.Value.RepositoryName}) or fix Backup:RepositoryName.")
        : error.ToError(EngineName, operation);

    private Error Unreachable(string operation, Exception exception) => Error.EngineUnreachable(
        $"{EngineName} at {UrlCredentials.Hide(database.Value.Url)} could not be reached while {operation}: {Describe(exception)}. The request can be retried when it is back.");

    private static bool IsConnectivityFault(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException => true,
        TimeoutRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private string Describe(Exception exception) => exception switch
    {
        TimeoutRejectedException or OperationCanceledException => $"no answer within {database.Value.RequestTimeout.TotalSeconds:0.#} s",
        // A TLS handshake sent to a plain-HTTP port reads the HTTP answer as a broken TLS frame.
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError, InnerException: AuthenticationException { InnerException: null } inner }
            when inner.Message.Contains("frame", StringComparison.Ordinal)
            => "the engine answered plain HTTP to an HTTPS request: use http:// in Database:Url, or enable TLS on the engine",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } when database.Value.Url.Scheme == Uri.UriSchemeHttp
            => "the engine closed the connection without an answer; if it speaks HTTPS, use https:// in Database:Url",
        HttpRequestException { InnerException: { } inner } => inner.Message.TrimEnd('.'),
        _ => exception.Message.TrimEnd('.'),
    };
}
