using System.Text;
using Backup.Domain;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>
/// The listing's snapshots as the engines write them under the service's <c>filter_path</c>, read without a tokenizer:
/// <c>,{"snapshot":"…","state":"…","start_time_in_millis":…,"end_time_in_millis":…}</c>, compact, in any order.
/// <c>Utf8JsonReader</c> spent the largest part of a listing's decode finding six tokens in each of thousands of such
/// objects. Only a strict subset of JSON is taken here: the four fields, strings of printable ASCII without escapes,
/// and whole numbers; anything else (failures, whitespace, an escape, an unknown field) stops it at that object, which
/// the general reader then takes, so both read every answer alike.
/// </summary>
internal static class CompactSnapshots
{
    /// <summary>The engines' state words, read into one shared string each instead of a new string per snapshot.</summary>
    private static readonly (byte[] Utf8, string Word)[] StateWords =
        [.. new[] { "SUCCESS", "IN_PROGRESS", "FAILED", "PARTIAL", "INCOMPATIBLE", "STARTED", "INIT" }.Select(w => (Encoding.UTF8.GetBytes(w), w))];

    /// <summary>Each field's name with its colon, as the engines write it.</summary>
    private static readonly (byte[] Key, Field Field)[] Fields =
    [
        ("\"snapshot\":"u8.ToArray(), Field.Name),
        ("\"state\":"u8.ToArray(), Field.State),
        ("\"start_time_in_millis\":"u8.ToArray(), Field.Start),
        ("\"end_time_in_millis\":"u8.ToArray(), Field.End),
    ];

    private enum Field
    {
        Name,
        State,
        Start,
        End,
    }

    /// <summary>A state word as one shared string when it is one of the engines' own; null otherwise.</summary>
    public static string? KnownStateWord(ReadOnlySpan<byte> utf8)
    {
        foreach (var (known, word) in StateWords)
        {
            if (utf8.SequenceEqual(known))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the array's next elements, each after its comma, while they are compact and whole in
    /// <paramref name="bytes"/>; adds those this service named to <paramref name="into"/> as the general reader would.
    /// </summary>
    /// <returns>How many bytes the elements read took: 0 when the first one is not compact or not whole.</returns>
    public static int ReadEach(ReadOnlySpan<byte> bytes, ListedNames names, bool verbose, List<Snapshot> into)
    {
        var consumed = 0;
        while (TryRead(bytes[consumed..], names, verbose, into, out var length))
        {
            consumed += length;
        }

        return consumed;
    }

    private static bool TryRead(ReadOnlySpan<byte> bytes, ListedNames names, bool verbose, List<Snapshot> into, out int length)
    {
        length = 0;
        if (!bytes.StartsWith(",{"u8))
        {
            return false;
        }

        var rest = bytes[2..];
        ReadOnlySpan<byte> nameText = default, stateText = default;
        bool hasName = false, hasState = false;
        long start = 0, end = 0;
        while (true)
        {
            if (!TakeField(ref rest, out var field))
            {
                return false;
            }

            bool read;
            switch (field)
            {
                case Field.Name:
                    read = hasName = TakeString(ref rest, out nameText);
                    break;
                case Field.State:
                    read = hasState = TakeString(ref rest, out stateText);
                    break;
                case Field.Start:
                    read = TakeWholeNumber(ref rest, out start);
                    break;
                default:
                    read = TakeWholeNumber(ref rest, out end);
                    break;
            }

            if (!read || rest.IsEmpty)
            {
                return false;
            }

            var separator = rest[0];
            rest = rest[1..];
            if (separator == (byte)'}')
            {
                break;
            }

            if (separator != (byte)',')
            {
                return false;
            }
        }

        length = bytes.Length - rest.Length;
        if (hasName && names.TryRead(nameText, out var parsed))
        {
            var state = hasState ? KnownStateWord(stateText) ?? Encoding.ASCII.GetString(stateText) : null;
            into.Add(new Snapshot(parsed, state, TimeOf(start), TimeOf(end), verbose ? [] : null));
        }

        return true;
    }

    private static bool TakeField(ref ReadOnlySpan<byte> rest, out Field field)
    {
        foreach (var (key, known) in Fields)
        {
            if (rest.StartsWith(key))
            {
                rest = rest[key.Length..];
                field = known;
                return true;
            }
        }

        field = default;
        return false;
    }

    /// <summary>A string of printable ASCII with no escape, which means exactly its bytes.</summary>
    private static bool TakeString(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (rest.IsEmpty || rest[0] != (byte)'"')
        {
            return false;
        }

        var body = rest[1..];
        var length = body.IndexOfAny((byte)'"', (byte)'\\');
        if (length < 0 || body[length] != (byte)'"' || body[..length].IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0)
        {
            return false;
        }

        text = rest.Slice(1, length);
        rest = rest[(length + 2)..];
        return true;
    }

    /// <summary>Digits as JSON writes a whole number (no leading zero), few enough to fit a long.</summary>
    private static bool TakeWholeNumber(ref ReadOnlySpan<byte> rest, out long number)
    {
        number = 0;
        var length = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (length <= 0 || length > 18 || (rest[0] == (byte)'0' && length > 1))
        {
            return false;
        }

        foreach (var digit in rest[..length])
        {
            number = (number * 10) + (digit - '0');
        }

        rest = rest[length..];
        return true;
    }

    /// <summary>As the general reader: 0 or none is no time.</summary>
    private static DateTimeOffset? TimeOf(long millis) => millis > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;
}
