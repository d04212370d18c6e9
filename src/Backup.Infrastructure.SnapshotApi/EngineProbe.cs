using System.Net.Http.Json;
using Backup.Application;
using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary><see cref="IEngineProbe"/> over the two read-only calls both engines answer alike.</summary>
internal sealed class EngineProbe(HttpClient http, IOptions<BackupOptions> backup, IOptions<DatabaseOptions> database) : IEngineProbe
{
    private string EngineName => database.Value.EngineName;

    public async Task<Result<EngineIdentity>> IdentifyAsync(CancellationToken cancellationToken)
    {
        var sent = await SendAsync("", "asking what it is", cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (!response.IsSuccessStatusCode)
        {
            return (await EngineError.ReadAsync(response, cancellationToken)).ToError(EngineName, "asking what it is");
        }

        try
        {
            var root = await response.Content.ReadFromJsonAsync(SnapshotWireContext.Default.RootInfo, cancellationToken);
            var engine = root?.Version?.Distribution == "opensearch" ? "OpenSearch" : "Elasticsearch";
            return new EngineIdentity(engine, root?.Version?.Number ?? "unknown");
        }
        catch (System.Text.Json.JsonException exception)
        {
            return Error.EngineFailure($"{EngineName} answered GET / with a body this service cannot read: {exception.Message}");
        }
    }

    public async Task<Result> FindRepositoryAsync(CancellationToken cancellationToken)
    {
        var name = backup.Value.RepositoryName ?? "";
        var operation = $"reading repository {name}";
        var sent = await SendAsync($"_snapshot/{Uri.EscapeDataString(name)}", operation, cancellationToken);
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
        return error.IsRepositoryMissing
            ? Error.NotFound($"No repository with name [{name}] could be found. Register it in {EngineName} (PUT _snapshot/{name}) or fix Backup:RepositoryName.")
            : error.ToError(EngineName, operation);
    }

    private async Task<Result<HttpResponseMessage>> SendAsync(string path, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = exception is HttpRequestException { InnerException: { } inner } ? inner.Message : $"no answer within {database.Value.RequestTimeout.TotalSeconds:0.#} s";
            return Error.EngineUnreachable($"{EngineName} could not be reached while {operation}: {reason}.");
        }
    }
}
