using System.Text.Json;
using Backup.Api.Contracts;
using Backup.Application.Platform;
using Backup.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Backup.Api.Controllers;

/// <summary>
/// Backups of the whole Camunda platform (Zeebe, Operate and Tasklist or the 8.8 unified app, Optimize) under one id,
/// taken in the version's order with Zeebe's exporting soft-paused around the Zeebe backup.
/// </summary>
[ApiController]
[Route("actuator/platform/backups")]

[ProducesResponseType<ProblemResponse>(StatusCodes.Status400BadRequest, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status404NotFound, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status500InternalServerError, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status502BadGateway, Problems.ContentType, Problems.JsonContentType)]
public sealed class PlatformBackupsController(ISender sender) : ControllerBase
{
    /// <summary>Starts a platform backup; <c>backupId</c> may be left out (now, as unix seconds).</summary>
    [HttpPost]
    [ProducesResponseType<PlatformBackupStarted>(StatusCodes.Status202Accepted, "application/json")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var id = await ReadIdAsync(cancellationToken);
        if (!id.IsSuccess)
        {
            return Problems.ToActionResult(id.Error, HttpContext);
        }

        var started = await sender.Send(new CreatePlatformBackupCommand(id.Value), cancellationToken);
        return started.IsSuccess
            ? StatusCode(StatusCodes.Status202Accepted, PlatformBackupStarted.From(started.Value))
            : Problems.ToActionResult(started.Error, HttpContext);
    }

    /// <summary>One platform backup, with each component's own state.</summary>
    [HttpGet("{backupId}")]
    [ProducesResponseType<PlatformBackupResponse>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Get(string backupId, CancellationToken cancellationToken)
    {
        var id = BackupId.Parse(backupId);
        if (!id.IsSuccess)
        {
            return Problems.ToActionResult(id.Error, HttpContext);
        }

        var report = await sender.Send(new GetPlatformBackupQuery(id.Value), cancellationToken);
        return report.IsSuccess ? Ok(PlatformBackupResponse.From(report.Value)) : Problems.ToActionResult(report.Error, HttpContext);
    }

    /// <summary>Every platform backup, the highest id first.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<PlatformBackupResponse>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> List(CancellationToken cancellationToken)
    {
        var reports = await sender.Send(new ListPlatformBackupsQuery(), cancellationToken);
        return reports.IsSuccess
            ? Ok(reports.Value.Select(PlatformBackupResponse.From).ToList())
            : Problems.ToActionResult(reports.Error, HttpContext);
    }

    /// <summary>Deletes every component's backup of exactly that id, the records snapshot and the record.</summary>
    [HttpDelete("{backupId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(string backupId, CancellationToken cancellationToken)
    {
        var id = BackupId.Parse(backupId);
        if (!id.IsSuccess)
        {
            return Problems.ToActionResult(id.Error, HttpContext);
        }

        var deleted = await sender.Send(new DeletePlatformBackupCommand(id.Value), cancellationToken);
        return deleted.IsSuccess ? NoContent() : Problems.ToActionResult(deleted.Error, HttpContext);
    }

    /// <summary>The optional id of the body: absent body or field is null (the default id); anything else but a whole number is refused.</summary>
    private async Task<Result<BackupId?>> ReadIdAsync(CancellationToken cancellationToken)
    {
        JsonDocument? body;
        try
        {
            body = Request.ContentLength is 0 ? null : await JsonDocument.ParseAsync(Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return Error.Invalid($"The body is not JSON: {exception.Message}. Send {{\"backupId\": 123}}, or no body for the default id.");
        }

        using (body)
        {
            if (body is null || body.RootElement.ValueKind != JsonValueKind.Object
                || !body.RootElement.TryGetProperty("backupId", out var field) || field.ValueKind == JsonValueKind.Null)
            {
                return body is null || body.RootElement.ValueKind == JsonValueKind.Object
                    ? Result.Success<BackupId?>(null)
                    : Error.Invalid("The body must be a JSON object such as {\"backupId\": 123}.");
            }

            var text = field.ValueKind == JsonValueKind.String ? field.GetString() : field.GetRawText();
            var id = BackupId.Parse(text);
            return id.IsSuccess && id.Value.Value > 0
                ? Result.Success<BackupId?>(id.Value)
                : Error.Invalid($"backupId must be a whole number above 0 (Zeebe refuses 0). Received value: {text}.");
        }
    }
}
