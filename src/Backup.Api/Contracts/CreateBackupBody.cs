using System.Globalization;
using System.Text.Json;
using Backup.Domain;

namespace Backup.Api.Contracts;

/// <summary>
/// Reads <c>{"backupId": N}</c> as Spring Boot's Jackson defaults did for the original: the id is a JSON integer or a
/// string holding one (<c>"5"</c>, as scripts built with <c>jq --arg</c> send), and other fields are ignored. A
/// fraction, a number beyond 64 bits, any other string, an id given twice or broken JSON each get their own message,
/// and an id the component does not take (a negative one; 0 on 8.8) is refused in the component's words.
/// </summary>
public static class CreateBackupBody
{
    private const int MaxBytes = 16 * 1024;

    private const string Example = "Send a JSON object such as {\"backupId\": 123} with Content-Type: application/json.";

    public static async Task<Result<BackupId>> ReadAsync(HttpRequest request, ComponentProfile profile, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Error.Invalid($"Unsupported Content-Type '{request.ContentType}'. {Example}");
        }

        if (request.ContentLength > MaxBytes)
        {
            return Error.Invalid($"The request body is larger than {MaxBytes} bytes. {Example}");
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxBytes)
            {
                return Error.Invalid($"The request body is larger than {MaxBytes} bytes. {Example}");
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            return Error.Invalid($"The request body is not valid JSON ({exception.Message}). {Example}");
        }

        using (document)
        {
            return Read(document.RootElement, profile);
        }
    }

    private static Result<BackupId> Read(JsonElement root, ComponentProfile profile)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Error.Invalid($"The request body must be a JSON object, not {Kind(root)}. {Example}");
        }

        long? backupId = null;
        var seen = false;
        foreach (var property in root.EnumerateObject().Where(p => p.Name == "backupId"))
        {
            if (seen)
            {
                return Error.Invalid($"backupId is given more than once. {Example}");
            }

            seen = true;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!TryReadId(value, out var id))
            {
                return BackupId.Refused(value.GetRawText(), profile.Component);
            }

            backupId = id;
        }

        return backupId is { } given
            ? BackupId.Create(given, profile)
            : Error.Invalid("BackupId must be provided. Send a JSON object such as {\"backupId\": 123}.");
    }

    /// <summary>A JSON integer, or a string holding nothing but an integer (an optional minus sign, then digits).</summary>
    private static bool TryReadId(JsonElement value, out long id)
    {
        id = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out id),
            JsonValueKind.String => value.GetString() is { Length: > 0 } text
                && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id)
                && text[0] != '+',
            _ => false,
        };
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
