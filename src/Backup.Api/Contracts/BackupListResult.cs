using System.Text.Encodings.Web;
using System.Text.Json;
using Backup.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Backup.Api.Contracts;

/// <summary>
/// The list answer, written backup by backup straight from the reports: the service never holds the whole JSON answer,
/// nor a second copy of the backups as response objects, however many backups the repository has. The shape is
/// <see cref="BackupStateResponse"/>'s, field for field; a test holds the two to each other.
/// </summary>
public sealed class BackupListResult(IReadOnlyList<BackupReport> backups, bool namesComponents = false) : IActionResult
{
    private const int FlushThreshold = 32 * 1024;

    /// <summary>As the original wrote JSON: <c>+0000</c> in times as itself, not <c>\u002B0000</c>.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        var body = response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = Encoder });
        json.WriteStartArray();
        foreach (var backup in backups)
        {
            Write(json, backup, namesComponents);
            if (json.BytesPending > FlushThreshold)
            {
                await json.FlushAsync(cancellationToken);
                await body.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static void Write(Utf8JsonWriter json, BackupReport backup, bool namesComponent)
    {
        Span<char> text = stackalloc char[256];
        json.WriteStartObject();
        json.WriteNumber("backupId", backup.Id.Value);
        json.WriteString("state", backup.State.Name());
        json.WriteString("failureReason", backup.FailureReason);
        json.WriteStartArray("details");
        foreach (var part in backup.Parts)
        {
            json.WriteStartObject();
            if (part.Name.TryFormat(text, out var length))
            {
                json.WriteString("snapshotName", text[..length]);
            }
            else
            {
                json.WriteString("snapshotName", part.Name.ToString());
            }

            json.WriteString("state", part.EngineState);
            if (part.StartTime is { } start)
            {
                ApiTime.Format(start, text);
                json.WriteString("startTime", text[..ApiTime.Length]);
            }
            else
            {
                json.WriteNull("startTime");
            }

            if (part.Failures is { } failures)
            {
                json.WriteStartArray("failures");
                foreach (var failure in failures)
                {
                    json.WriteStringValue(failure);
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteNull("failures");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (namesComponent)
        {
            json.WriteString("component", backup.Component.Name());
        }

        json.WriteEndObject();
    }
}
