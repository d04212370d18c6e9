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
    /// <summary>
    /// How much of the answer waits before it is sent: as much as the engines send at a time (Elasticsearch's
    /// <c>Netty4WriteThrottlingHandler</c> writes 256 KB), so the client reads the first backups while the last are written.
    /// </summary>
    private const int FlushThreshold = 256 * 1024;

    /// <summary>As the original wrote JSON: <c>+0000</c> in times as itself, not <c>\u002B0000</c>.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        var body = response.BodyWriter;
        // Without validation: the answer's shape is fixed by the code below (and held by tests), not by its input.
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = Encoder, SkipValidation = true });
        using var plain = new PlainBackupJson(backups.Count == 0 ? 0 : backups.Max(b => b.Parts.Count), namesComponents);
        long sent = 0;
        json.WriteStartArray();
        foreach (var backup in backups)
        {
            if (plain.TryWrite(backup, out var backupJson))
            {
                json.WriteRawValue(backupJson, skipInputValidation: true);
            }
            else
            {
                Write(json, backup, namesComponents);
            }

            // BytesPending alone never grows past the pipe's segment: the writer hands each full segment to the pipe,
            // where it waits, unsent, with the rest.
            var written = json.BytesCommitted + json.BytesPending;
            if (written - sent > FlushThreshold)
            {
                await json.FlushAsync(cancellationToken);
                await body.FlushAsync(cancellationToken);
                sent = written;
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static void Write(Utf8JsonWriter json, BackupReport backup, bool namesComponent)
    {
        Span<byte> text = stackalloc byte[256];
        json.WriteStartObject();
        json.WriteNumber(Names.BackupId, backup.Id.Value);
        json.WriteString(Names.State, backup.State.Name());
        json.WriteString(Names.FailureReason, backup.FailureReason);
        json.WriteStartArray(Names.Details);
        foreach (var part in backup.Parts)
        {
            WritePart(json, part, text);
        }

        json.WriteEndArray();
        if (namesComponent)
        {
            json.WriteString(Names.Component, backup.Component.Name());
        }

        json.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter json, Snapshot part, Span<byte> text)
    {
        json.WriteStartObject();
        if (part.Name.TryFormat(text, out var length))
        {
            json.WriteString(Names.SnapshotName, text[..length]);
        }
        else
        {
            json.WriteString(Names.SnapshotName, part.Name.ToString());
        }

        json.WriteString(Names.State, part.EngineState);
        if (part.StartTime is { } start)
        {
            ApiTime.Format(start, text);
            json.WriteString(Names.StartTime, text[..ApiTime.Length]);
        }
        else
        {
            json.WriteNull(Names.StartTime);
        }

        if (part.Failures is { } failures)
        {
            json.WriteStartArray(Names.Failures);
            foreach (var failure in failures)
            {
                json.WriteStringValue(failure);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull(Names.Failures);
        }

        json.WriteEndObject();
    }

    /// <summary>The property names, escaped once instead of once per backup and per part.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText BackupId = JsonEncodedText.Encode("backupId");
        public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
        public static readonly JsonEncodedText FailureReason = JsonEncodedText.Encode("failureReason");
        public static readonly JsonEncodedText Details = JsonEncodedText.Encode("details");
        public static readonly JsonEncodedText SnapshotName = JsonEncodedText.Encode("snapshotName");
        public static readonly JsonEncodedText StartTime = JsonEncodedText.Encode("startTime");
        public static readonly JsonEncodedText Failures = JsonEncodedText.Encode("failures");
        public static readonly JsonEncodedText Component = JsonEncodedText.Encode("component");
    }
}
