using Backup.Api.Contracts;
using Backup.Application;
using Backup.Application.Platform;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Backup.Api.Controllers;

/// <summary>
/// The retention dry run: what the next run of <c>Backup:Retention</c> would delete now, each with its reason. Not under
/// <c>/actuator/backups</c>, where "retention" would read as a backup id.
/// </summary>
[ApiController]
[Route("actuator/retention")]
[ProducesResponseType<RetentionResponse>(StatusCodes.Status200OK, "application/json")]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status404NotFound, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status500InternalServerError, Problems.ContentType, Problems.JsonContentType)]
[ProducesResponseType<ProblemResponse>(StatusCodes.Status502BadGateway, Problems.ContentType, Problems.JsonContentType)]
public sealed class RetentionController(ISender sender, IOptions<BackupOptions> options, IOptions<PlatformOptions> platform) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Get(CancellationToken cancellationToken)
    {
        var forecast = await sender.Send(RetentionScope.PlanFor(platform.Value), cancellationToken);
        return forecast.IsSuccess
            ? Ok(RetentionResponse.From(forecast.Value, options.Value.Retention))
            : Problems.ToActionResult(forecast.Error, HttpContext);
    }
}
