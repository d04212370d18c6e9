using Backup.Api.Contracts;
using Backup.Api.Operations;
using Backup.Application;
using Backup.Application.Backups.CreateBackup;
using Backup.Application.Backups.DeleteBackup;
using Backup.Application.Backups.GetBackupState;
using Backup.Application.Backups.ListBackups;
using Backup.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Backup.Api.Controllers;

/// <summary>
/// The Backup Management API, as Operate and Tasklist serve it on the management port: under <c>/actuator/backups</c>
/// (8.7, and 8.8's standalone apps) and <c>/actuator/backupHistory</c> (8.8's unified app), the same on both.
/// </summary>
[ApiController]
[Route("actuator/backups")]
[Route("actuator/backupHistory")]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status400BadRequest, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status404NotFound, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status500InternalServerError, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status502BadGateway, Problems.ContentType, Problems.JsonContentType)]
public sealed class BackupsController(ISender sender, IOptions<BackupOptions> options) : ControllerBase
{
    private ComponentProfile Profile => options.Value.Profile;

    private bool NamesComponents => Profile.NamesComponents;

    /// <summary>Starts a backup; its parts are taken one after another in the background.</summary>
    [HttpPost]
    [ProducesResponseType<CreateBackupResponse>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var body = await CreateBackupBody.ReadAsync(Request, Profile, cancellationToken);
        if (!body.IsSuccess)
        {
            return Problems.ToActionResult(body.Error, HttpContext);
        }

        var created = await sender.Send(new CreateBackupCommand(body.Value), cancellationToken);
        return created.IsSuccess
            ? Ok(CreateBackupResponse.From(created.Value))
            : Problems.ToActionResult(created.Error, HttpContext);
    }

    /// <summary>One backup's state, with each part's snapshot.</summary>
    [HttpGet("{backupId}")]
    [ProducesResponseType<BackupStateResponse>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Get(string backupId, CancellationToken cancellationToken)
    {
        var id = BackupId.Parse(backupId, Profile);
        if (!id.IsSuccess)
        {
            return Problems.ToActionResult(id.Error, HttpContext);
        }

        var backup = await sender.Send(new GetBackupStateQuery(id.Value), cancellationToken);
        return backup.IsSuccess
            ? Ok(BackupStateResponse.From(backup.Value, NamesComponents))
            : Problems.ToActionResult(backup.Error, HttpContext);
    }

    /// <summary>Every backup, the most recently started first; <c>verbose=false</c> reads names and states only.</summary>
    [HttpGet]
    [EnableRateLimiting(ListingLimits.Policy)]
    [ProducesResponseType<IReadOnlyList<BackupStateResponse>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemResponse>(StatusCodes.Status503ServiceUnavailable, Problems.ContentType, Problems.JsonContentType)]
    public async Task<IActionResult> List([FromQuery] ListBackupsParameters parameters, CancellationToken cancellationToken)
    {
        var backups = await sender.Send(new ListBackupsQuery(parameters.Verbose, parameters.Pattern), cancellationToken);
        return backups.IsSuccess
            ? new BackupListResult(backups.Value, NamesComponents)
            : Problems.ToActionResult(backups.Error, HttpContext);
    }

    /// <summary>Deletes every existing part of the backup, and nothing else.</summary>
    [HttpDelete("{backupId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(string backupId, CancellationToken cancellationToken)
    {
        var id = BackupId.Parse(backupId, Profile);
        if (!id.IsSuccess)
        {
            return Problems.ToActionResult(id.Error, HttpContext);
        }

        var deleted = await sender.Send(new DeleteBackupCommand(id.Value), cancellationToken);
        return deleted.IsSuccess ? NoContent() : Problems.ToActionResult(deleted.Error, HttpContext);
    }
}
