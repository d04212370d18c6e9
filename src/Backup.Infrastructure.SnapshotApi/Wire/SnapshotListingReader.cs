using System.Buffers.Text;
using System.Text.Json;
using Backup.Domain;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>
/// Reads the answer of <c>GET _snapshot/&lt;repository&gt;/&lt;snapshots&gt;</c> as its bytes arrive, straight into the
/// snapshots this service named: a listing of 1,000 backups is 6,000 of them, and a generic deserializer's
/// intermediate records and name strings were most of the service's own cost of a list. A snapshot is decoded once its
/// object is whole in the buffer; the buffer grows only for an object larger than it. The array's elements written
/// as the engines write them are read by <see cref="CompactSnapshots"/>, the others token by token.
/// </summary>
internal sealed class SnapshotListingReader
{
    private const int BufferSize = 64 * 1024;

    private readonly ListedNames _names = new();
    private readonly List<Snapshot> _into;
    private readonly bool _verbose;
    private Place _place;

    private SnapshotListingReader(List<Snapshot> into, bool verbose)
    {
        _into = into;
        _verbose = verbose;
    }

    private enum Field
    {
        Name,
        State,
        Start,
        End,
        Failures,
        Other,
    }

    private enum Place
    {
        BeforeAnswer,
        InAnswer,
        InSnapshots,
        AfterAnswer,
    }

    /// <summary>The cursor of the next page (<c>next</c>), when the engine gave one.</summary>
    private string? Next { get; set; }

    /// <summary>Adds the snapshots this service named to <paramref name="into"/>.</summary>
    /// <param name="verbose">
    /// Whether the engine was asked for failures: <c>filter_path</c> drops an empty list, which then means none; a
    /// names-only listing has no failures to tell (null).
    /// </param>
    /// <exception cref="JsonException">The answer is not a listing.</exception>
    public static async Task<SnapshotPage> ReadAsync(Stream body, List<Snapshot> into, bool verbose, CancellationToken cancellationToken)
    {
        var listing = new SnapshotListingReader(into, verbose);
        using var buffer = new PooledBuffer(BufferSize);
        var state = new JsonReaderState();
        while (true)
        {
            var read = await buffer.ReadAsync(body, cancellationToken);
            buffer.Consume(listing.Decode(buffer.Span, isFinalBlock: read == 0, ref state));
            if (read == 0)
            {
                return listing.Ended();
            }
        }
    }

    /// <summary><see cref="ReadAsync"/> of an answer whose bytes are all in.</summary>
    /// <exception cref="JsonException">The answer is not a listing.</exception>
    public static SnapshotPage Read(ReadOnlySpan<byte> answer, List<Snapshot> into, bool verbose)
    {
        var listing = new SnapshotListingReader(into, verbose);
        var state = new JsonReaderState();
        listing.Decode(answer, isFinalBlock: true, ref state);
        return listing.Ended();
    }

    /// <summary><see cref="ReadAsync"/> as an answer's decoder.</summary>
    public static Func<Stream, CancellationToken, Task<SnapshotPage?>> Into(List<Snapshot> into, bool verbose) =>
        async (body, cancellationToken) => await ReadAsync(body, into, verbose, cancellationToken);

    private SnapshotPage Ended() => _place == Place.AfterAnswer
        ? new SnapshotPage(_into, Next)
        : throw new JsonException("The answer ended before its end.");

    /// <summary>Decodes what is whole in <paramref name="bytes"/>; returns how many bytes that was.</summary>
    private int Decode(ReadOnlySpan<byte> bytes, bool isFinalBlock, ref JsonReaderState state)
    {
        var consumed = 0;
        while (true)
        {
            var reader = new Utf8JsonReader(bytes[consumed..], isFinalBlock, state);
            var decoded = reader;
            var compact = 0;
            while (compact == 0 && _place != Place.AfterAnswer && Step(ref reader))
            {
                decoded = reader;
                if (_place == Place.InSnapshots && reader.TokenType == JsonTokenType.EndObject)
                {
                    compact = CompactSnapshots.ReadEach(bytes[(consumed + (int)reader.BytesConsumed)..], _names, _verbose, _into);
                }
            }

            // The reader's state after one element of the array is its state after any later one: it goes on from there.
            state = decoded.CurrentState;
            consumed += (int)decoded.BytesConsumed + compact;
            if (compact == 0)
            {
                return consumed;
            }
        }
    }

    /// <summary>One step of the answer: false when the bytes for it have not all arrived yet.</summary>
    private bool Step(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (_place)
        {
            case Place.BeforeAnswer:
                Expect(ref reader, JsonTokenType.StartObject);
                _place = Place.InAnswer;
                return true;
            case Place.InAnswer when reader.TokenType == JsonTokenType.EndObject:
                _place = Place.AfterAnswer;
                return true;
            case Place.InAnswer when reader.ValueTextEquals("snapshots"u8):
                if (!reader.Read())
                {
                    return false;
                }

                _place = reader.TokenType == JsonTokenType.Null ? Place.InAnswer : Place.InSnapshots;
                Expect(ref reader, _place == Place.InSnapshots ? JsonTokenType.StartArray : JsonTokenType.Null);
                return true;
            case Place.InAnswer when reader.ValueTextEquals("next"u8):
                if (!reader.Read())
                {
                    return false;
                }

                Next = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                return true;
            case Place.InAnswer:
                return reader.TrySkip();
            case Place.InSnapshots when reader.TokenType == JsonTokenType.EndArray:
                _place = Place.InAnswer;
                return true;
            default:
                Expect(ref reader, JsonTokenType.StartObject);
                return TryAddSnapshot(ref reader);
        }
    }

    /// <summary>
    /// Reads one snapshot's object and keeps the snapshot when this service named it; false, keeping nothing, when the
    /// object's bytes have not all arrived (it is read again from its start with more).
    /// </summary>
    private bool TryAddSnapshot(ref Utf8JsonReader reader)
    {
        var named = false;
        SnapshotName name = default;
        string? state = null;
        DateTimeOffset? start = null, end = null;
        List<string>? failures = null;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = reader.ValueTextEquals("snapshot"u8) ? Field.Name
                : reader.ValueTextEquals("state"u8) ? Field.State
                : reader.ValueTextEquals("start_time_in_millis"u8) ? Field.Start
                : reader.ValueTextEquals("end_time_in_millis"u8) ? Field.End
                : reader.ValueTextEquals("failures"u8) ? Field.Failures
                : Field.Other;
            if (field == Field.Other || field == Field.Failures)
            {
                var value = reader;
                if (!reader.TrySkip())
                {
                    return false;
                }

                failures = field == Field.Failures ? ReadFailures(ref value) : failures;
                continue;
            }

            if (!reader.Read())
            {
                return false;
            }

            switch (field)
            {
                case Field.Name:
                    named = reader.TokenType == JsonTokenType.String && _names.TryRead(ref reader, out name);
                    break;
                case Field.State:
                    state = ReadStateWord(ref reader);
                    break;
                case Field.Start:
                    start = ReadTime(ref reader);
                    break;
                default:
                    end = ReadTime(ref reader);
                    break;
            }
        }

        if (named)
        {
            _into.Add(new Snapshot(name, state, start, end, failures ?? (_verbose ? [] : null)));
        }

        return true;
    }

    private static string? ReadStateWord(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        return (reader.HasValueSequence || reader.ValueIsEscaped ? null : CompactSnapshots.KnownStateWord(reader.ValueSpan)) ?? reader.GetString();
    }

    /// <summary>Milliseconds since the epoch, as a number or a numeric string; 0 or none is no time.</summary>
    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader)
    {
        long millis = 0;
        var read = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out millis),
            JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped =>
                Utf8Parser.TryParse(reader.ValueSpan, out millis, out var used) && used == reader.ValueSpan.Length,
            _ => false,
        };
        return read && millis > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;
    }

    /// <summary>The shard failures' reasons, whole in the buffer (the reader is on their property's name); null for none.</summary>
    private static List<string>? ReadFailures(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            SkipWhole(ref reader);
            return null;
        }

        List<string>? reasons = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            (reasons ??= []).Add(ReadReason(ref reader));
        }

        return reasons;
    }

    /// <summary>One shard failure's <c>reason</c>; empty when it gives none.</summary>
    private static string ReadReason(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            SkipWhole(ref reader);
            return "";
        }

        var reason = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isReason = reader.ValueTextEquals("reason"u8);
            reader.Read();
            if (isReason && reader.TokenType == JsonTokenType.String)
            {
                reason = reader.GetString() ?? "";
            }
            else
            {
                SkipWhole(ref reader);
            }
        }

        return reason;
    }

    /// <summary>Skips a value known to be whole in the buffer (a partial reader refuses <c>Skip</c> even then).</summary>
    private static void SkipWhole(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new InvalidOperationException("A value read as whole was not.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} at byte {reader.TokenStartIndex}, found {reader.TokenType}.");
        }
    }
}

/// <summary>The snapshots read so far, and the cursor of the next page when there is one.</summary>
internal sealed record SnapshotPage(List<Snapshot> Snapshots, string? Next);
