using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>
/// A snapshot's state, one of a handful of words repeated on every snapshot of a listing: the known ones are read into
/// one shared string each instead of a new string per snapshot. Any other word is read as it is.
/// </summary>
internal sealed class EngineWordConverter : JsonConverter<string>
{
    private static readonly string[] Known = ["SUCCESS", "IN_PROGRESS", "FAILED", "PARTIAL", "INCOMPATIBLE", "STARTED", "INIT"];

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            foreach (var word in Known)
            {
                if (reader.ValueTextEquals(word))
                {
                    return word;
                }
            }
        }

        return reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
