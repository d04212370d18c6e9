using System.Text.Json;
using Backup.Domain;

namespace Backup.Api.Contracts;

/// <summary>
/// Reads <c>{"backupId": N}</c> strictly: the id must be a JSON integer; a string, a fraction, a number beyond 64 bits,
/// an unknown field or broken JSON each get their own message. Whether the id is acceptable is the use case's rule.
/// </summary>
public static class CreateBackupBody
{
    private const int MaxBytes = 16 * 1024;

    private const string Example = "Send a JSON object such as {\"backupId\": 123} with Content-Type: application/json.";

    public static async Task<Result<long?>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
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
            return Read(document.RootElement);
        }
    }

    private static Result<long?> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Error.Invalid($"The request body must be a JSON object, not {Kind(root)}. {Example}");
        }

        long? backupId = null;
        var seen = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "backupId")
            {
                return Error.Invalid($"Unknown field [{property.Name}]: the body takes only backupId. {Example}");
            }

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

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var id))
            {
                return Error.Invalid($"BackupId must be a positive integer. Received value: {value.GetRawText()}");
            }

            backupId = id;
        }

        return backupId;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
