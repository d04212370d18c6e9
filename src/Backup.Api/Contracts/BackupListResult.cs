using System.Text.Json;
using Backup.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Backup.Api.Contracts;

/// <summary>
/// The list answer, written backup by backup as it is serialized: the service never holds the whole JSON answer,
/// nor a second copy of the backups as response objects, however many backups the repository has.
/// </summary>
public sealed class BackupListResult(IReadOnlyList<BackupReport> backups) : IActionResult
{
    private const int FlushThreshold = 32 * 1024;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartArray();
        foreach (var backup in backups)
        {
            JsonSerializer.Serialize(writer, BackupStateResponse.From(backup), ApiJsonContext.Default.BackupStateResponse);
            if (writer.BytesPending > FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken);
                await body.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
