using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Backup.Application.Abstractions;
using Backup.Application.Platform;
using Backup.Domain;
using Backup.Domain.Platform;
using Microsoft.Extensions.Options;

namespace Backup.Infrastructure.Camunda;

/// <summary>
/// <see cref="IComponentBackups"/> over each component's management port (../shared/spec/platform-backup.md §1–4, §8):
/// Zeebe's <c>actuator/backups</c> (8.8: <c>backupRuntime</c>) and <c>actuator/exporting</c>, Operate's and Tasklist's
/// <c>actuator/backups</c>, the unified app's <c>actuator/backupHistory</c>, Optimize's <c>actuator/backups</c>. A
/// refusal (4xx) is <see cref="ErrorKind.Invalid"/> with the component's own words; nothing is retried here.
/// </summary>
internal sealed class ManagementApis(IHttpClientFactory clients, IOptions<PlatformOptions> options) : IComponentBackups
{
    public async Task<Result> StartBackupAsync(PlatformComponent component, BackupId id, CancellationToken cancellationToken)
    {
        using var body = JsonContent.Create(new TakeBackupBody(id.Value), ManagementWireContext.Default.TakeBackupBody);
        var sent = await SendAsync(component, HttpMethod.Post, BackupPath(component), body, $"starting backup {id}", cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        return response.IsSuccessStatusCode ? Result.Success() : await FailureAsync(component, response, $"starting backup {id}", cancellationToken);
    }

    public async Task<Result<ComponentBackup>> GetBackupAsync(PlatformComponent component, BackupId id, CancellationToken cancellationToken)
    {
        var operation = $"reading backup {id}";
        var sent = await SendAsync(component, HttpMethod.Get, $"{BackupPath(component)}/{id}", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return ComponentBackup.Missing(component);
        }

        if (!response.IsSuccessStatusCode)
        {
            return await FailureAsync(component, response, operation, cancellationToken);
        }

        var answer = await ReadAsync(component, response, ManagementWireContext.Default.BackupAnswer, operation, cancellationToken);
        return answer.IsSuccess ? ToBackup(component, answer.Value) : answer.Error;
    }

    public async Task<Result> DeleteBackupAsync(PlatformComponent component, BackupId id, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(component, HttpMethod.Delete, $"{BackupPath(component)}/{id}", null, $"deleting backup {id}", cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        // Not found: that component's part is gone already.
        return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound
            ? Result.Success()
            : await FailureAsync(component, response, $"deleting backup {id}", cancellationToken);
    }

    public Task<Result> PauseExportingAsync(CancellationToken cancellationToken) =>
        ExportingAsync("actuator/exporting/pause?soft=true", "soft-pausing exporting", cancellationToken);

    public Task<Result> ResumeExportingAsync(CancellationToken cancellationToken) =>
        ExportingAsync("actuator/exporting/resume", "resuming exporting", cancellationToken);

    public async Task<Result<IReadOnlyDictionary<int, string>>> GetExporterPhasesAsync(CancellationToken cancellationToken)
    {
        const string operation = "reading the partitions' exporter phases";
        var sent = await SendAsync(PlatformComponent.Zeebe, HttpMethod.Get, "actuator/partitions", null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (!response.IsSuccessStatusCode)
        {
            return await FailureAsync(PlatformComponent.Zeebe, response, operation, cancellationToken);
        }

        var answer = await ReadAsync(PlatformComponent.Zeebe, response, ManagementWireContext.Default.DictionaryStringPartitionAnswer, operation, cancellationToken);
        return answer.IsSuccess
            ? Result.Success<IReadOnlyDictionary<int, string>>(answer.Value
                .Where(p => int.TryParse(p.Key, CultureInfo.InvariantCulture, out _))
                .ToDictionary(p => int.Parse(p.Key, CultureInfo.InvariantCulture), p => p.Value.ExporterPhase ?? "EXPORTING"))
            : answer.Error;
    }

    /// <summary>The exporting API answers HTTP 200 whatever happened: the outcome is the <c>status</c> in the body.</summary>
    private async Task<Result> ExportingAsync(string path, string operation, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(PlatformComponent.Zeebe, HttpMethod.Post, path, null, operation, cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        if (!response.IsSuccessStatusCode)
        {
            return await FailureAsync(PlatformComponent.Zeebe, response, operation, cancellationToken);
        }

        var answer = await ReadAsync(PlatformComponent.Zeebe, response, ManagementWireContext.Default.ExportingAnswer, operation, cancellationToken);
        return !answer.IsSuccess ? answer.Error
            : answer.Value.Status is >= 200 and < 300 ? Result.Success()
            : Error.EngineFailure($"zeebe answered {operation} with status {answer.Value.Status?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} in the body: {answer.Value.Body?.Message ?? "no message"}");
    }

    private string BackupPath(PlatformComponent component) => component switch
    {
        PlatformComponent.Zeebe => options.Value.Line == PlatformLine.V88 ? "actuator/backupRuntime" : "actuator/backups",
        PlatformComponent.Webapps => "actuator/backupHistory",
        _ => "actuator/backups",
    };

    private async Task<Result<HttpResponseMessage>> SendAsync(
        PlatformComponent component, HttpMethod method, string path, HttpContent? content, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            return await clients.CreateClient(ManagementClients.Name(component)).SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Error.EngineUnreachable(
                $"{component.Name()} at {options.Value.Endpoint(component).Url} could not be reached while {operation}: {(exception is OperationCanceledException ? "no answer in time" : exception.Message)}");
        }
    }

    private static async Task<Result<T>> ReadAsync<T>(
        PlatformComponent component, HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken) is { } body
                ? body
                : Error.EngineFailure($"{component.Name()} answered {operation} with an empty body");
        }
        catch (JsonException exception)
        {
            return Error.EngineFailure($"{component.Name()} answered {operation} with a body this service cannot read: {exception.Message}");
        }
    }

    private static async Task<Error> FailureAsync(PlatformComponent component, HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        string message;
        try
        {
            var error = await response.Content.ReadFromJsonAsync(ManagementWireContext.Default.ErrorAnswer, cancellationToken);
            message = error?.Message ?? error?.ErrorMessage ?? error?.Detail ?? "no message";
        }
        catch (JsonException)
        {
            message = "no readable message";
        }

        var status = (int)response.StatusCode;
        var text = $"{component.Name()} answered {operation} with {status}: {message}";
        return status is >= 400 and < 500 ? Error.Invalid(text)
            : status is 502 or 503 or 504 ? Error.EngineUnreachable(text)
            : Error.EngineFailure(text);
    }

    private static ComponentBackup ToBackup(PlatformComponent component, BackupAnswer answer) => new(
        component,
        answer.State ?? "UNKNOWN",
        answer.FailureReason,
        [.. (answer.Details ?? []).Select(d => new ComponentPart(
            d.SnapshotName ?? $"partition {d.PartitionId?.ToString(CultureInfo.InvariantCulture)}",
            d.State ?? "UNKNOWN",
            d.FailureReason ?? (d.Failures is { Count: > 0 } failures ? string.Join("; ", failures) : null)))]);
}
