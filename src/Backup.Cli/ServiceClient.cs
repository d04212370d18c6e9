using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.Cli;

/// <summary>
/// One backup as the service answers it; also what <c>--json</c> prints, field for field. <c>component</c> comes from a
/// webapps (Camunda 8.8) service only, whose list also holds the 8.7 backups.
/// </summary>
public sealed record BackupView(
    long BackupId,
    string State,
    string? FailureReason,
    IReadOnlyList<PartView> Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Component = null)
{
    [JsonIgnore]
    public BackupState ParsedState => BackupStateNames.TryParse(State, out var state) ? state : BackupState.Failed;

    /// <summary>How many parts the backup has, as its snapshot names say (6 for this service's backups).</summary>
    [JsonIgnore]
    public int PartCount => Details.Select(d => SnapshotName.TryParse(d.SnapshotName, out var name) ? name.PartCount : 0).DefaultIfEmpty(0).Max();

    [JsonIgnore]
    public int PartsDone => Details.Count(d => SnapshotStates.Parse(d.State) == SnapshotState.Success);

    [JsonIgnore]
    public int PartsRunning => Details.Count(d => SnapshotStates.Parse(d.State) == SnapshotState.InProgress);
}

public sealed record PartView(string SnapshotName, string? State, string? StartTime, IReadOnlyList<string>? Failures);

public sealed record CreateView(IReadOnlyList<string> ScheduledSnapshots);

internal sealed record ProblemView(int? Status, string? Message, string? Detail);

internal sealed record CreateRequest(long BackupId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BackupView))]
[JsonSerializable(typeof(IReadOnlyList<BackupView>))]
[JsonSerializable(typeof(CreateView))]
[JsonSerializable(typeof(ProblemView))]
[JsonSerializable(typeof(CreateRequest))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;

/// <summary>
/// The service's management API over HTTP, as any script sees it. Its answers become the domain's results: a 404 is
/// <see cref="ErrorKind.NotFound"/>, no answer (or the service's 502) <see cref="ErrorKind.EngineUnreachable"/>, any
/// other refusal <see cref="ErrorKind.Invalid"/> with the service's own message.
/// </summary>
public sealed class ServiceClient(HttpClient http) : IDisposable
{
    public static ServiceClient Create(Uri url, string? apiKey)
    {
        // A redirect is not followed: it would carry the API key, and replay a DELETE, to wherever it points.
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url.ToString().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return new ServiceClient(http);
    }

    public Uri? Url => http.BaseAddress;

    internal HttpClient Http => http;

    private string Shown => http.BaseAddress is { } url ? UrlCredentials.Hide(url) : "";

    public Task<Result<CreateView>> CreateAsync(BackupId id, CancellationToken cancellationToken) =>
        SendAsync(() => http.PostAsJsonAsync("actuator/backups", new CreateRequest(id.Value), ToolJsonContext.Default.CreateRequest, cancellationToken),
            ToolJsonContext.Default.CreateView, cancellationToken);

    public Task<Result<BackupView>> GetAsync(BackupId id, CancellationToken cancellationToken) =>
        SendAsync(() => http.GetAsync($"actuator/backups/{id}", cancellationToken), ToolJsonContext.Default.BackupView, cancellationToken);

    public Task<Result<IReadOnlyList<BackupView>>> ListAsync(string? pattern, CancellationToken cancellationToken) =>
        SendAsync(() => http.GetAsync(pattern is null ? "actuator/backups" : $"actuator/backups?pattern={Uri.EscapeDataString(pattern)}", cancellationToken),
            ToolJsonContext.Default.IReadOnlyListBackupView, cancellationToken);

    public async Task<Result> DeleteAsync(BackupId id, CancellationToken cancellationToken)
    {
        var deleted = await SendAsync<object?>(() => http.DeleteAsync($"actuator/backups/{id}", cancellationToken), null, cancellationToken);
        return deleted.IsSuccess ? Result.Success() : deleted.Error;
    }

    public void Dispose() => http.Dispose();

    /// <summary>One call to the service, its answer read as <paramref name="type"/> (null: no body), its refusals as the domain's errors.</summary>
    internal async Task<Result<T>> SendAsync<T>(
        Func<Task<HttpResponseMessage>> send, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? type, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Error.EngineUnreachable(
                $"The backup service at {Shown} cannot be reached ({exception.InnerException?.Message ?? exception.Message}). Is it running? Check --url.");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                if (type is null)
                {
                    return default(T)!;
                }

                try
                {
                    var body = await response.Content.ReadFromJsonAsync(type, cancellationToken);
                    return body is null ? Error.EngineFailure("The service answered with an empty body.") : body;
                }
                catch (JsonException exception)
                {
                    return Error.EngineFailure($"The service at {Shown} answered with something else than the backup API ({exception.Message}). Check --url.");
                }
            }

            var message = await ProblemMessageAsync(response, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.NotFound => Error.NotFound(message),
                HttpStatusCode.BadGateway => Error.EngineUnreachable($"The service cannot reach the engine: {message}"),
                HttpStatusCode.Unauthorized => Error.Invalid($"The service wants credentials: {message} Pass --api-key or set BACKUP_API_KEY."),
                HttpStatusCode.Forbidden => Error.Invalid($"{message} Use a key with Write rights."),
                >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest => Error.Invalid(
                    $"The service at {Shown} redirects to {(response.Headers.Location is { } to ? UrlCredentials.Hide(to) : "elsewhere")}; redirects are not followed, so that the API key goes nowhere else. Pass that address as --url if you trust it."),
                _ => Error.Invalid($"The service refused ({(int)response.StatusCode}): {message}"),
            };
        }
    }

    private static async Task<string> ProblemMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var problem = JsonSerializer.Deserialize(text, ToolJsonContext.Default.ProblemView);
            if ((problem?.Message ?? problem?.Detail) is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not a problem answer (a proxy's page, say): its start is shown below.
        }

        return $"{(int)response.StatusCode} {response.ReasonPhrase}: {(text.Length > 200 ? text[..200] : text)}";
    }
}
