using System.Net;
using System.Text.Json;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;

namespace Backup.Infrastructure.SnapshotApi;

/// <summary>An engine error answer, read from its envelope <c>{"error": {"type", "reason"}, "status"}</c>.</summary>
internal sealed record EngineError(HttpStatusCode Status, string Type, string Reason)
{
    public bool IsRepositoryMissing => Type == "repository_missing_exception";

    public bool IsSnapshotMissing => Type == "snapshot_missing_exception";

    /// <summary>
    /// Elasticsearch 8.x says <c>snapshot_name_already_in_use_exception</c>; 7.x and OpenSearch say
    /// <c>invalid_snapshot_name_exception</c> with "already exists" or "already in-progress" in the reason.
    /// </summary>
    public bool IsNameInUse =>
        Type == "snapshot_name_already_in_use_exception"
        || (Type == "invalid_snapshot_name_exception"
            && (Reason.Contains("already exists", StringComparison.Ordinal) || Reason.Contains("already in-progress", StringComparison.Ordinal)));

    public static async Task<EngineError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var envelope = JsonSerializer.Deserialize(text, SnapshotWireContext.Default.ErrorResponse);
            if (envelope?.Error is { ValueKind: JsonValueKind.Object } error)
            {
                return new EngineError(response.StatusCode, StringOf(error, "type"), StringOf(error, "reason"));
            }

            if (envelope?.Error is { ValueKind: JsonValueKind.String } message)
            {
                return new EngineError(response.StatusCode, "error", message.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
            // Not the engine's envelope (a proxy's page, say): report the body's start below.
        }

        return new EngineError(response.StatusCode, "unexpected_response", text.Length > 200 ? text[..200] : text);
    }

    public Error ToError(string engineName, string operation) => Status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Error.EngineFailure(
            $"{engineName} refused {operation} ({(int)Status} {Type}: {Reason}). Check Database:Username and Database:Password and the user's snapshot privileges."),
        _ => Error.EngineFailure($"{engineName} returned an error while {operation}: {(int)Status} {Type}: {Reason}"),
    };

    private static string StringOf(JsonElement error, string property) =>
        error.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
