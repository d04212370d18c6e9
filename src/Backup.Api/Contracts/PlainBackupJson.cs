using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Backup.Domain;

namespace Backup.Api.Contracts;

/// <summary>
/// One backup of the list answer written in one go when none of its text needs escaping: every backup but those with a
/// failure reason, shard failures, a state word outside the engines' or a name this service did not write. The general
/// writer checks each string for characters to escape and keeps its place in the JSON at every step, and a list of
/// 1,000 backups has 6,000 parts; this writes about 770 bytes per backup by copying. The bytes are the general writer's
/// own, which a contract test holds.
/// </summary>
internal static class PlainBackupJson
{
    /// <summary>Room for a backup's opening and closing: its id, state and component.</summary>
    private const int RoomAroundParts = 128;

    /// <summary>Room for any part this writes: a name with the longest version (64 characters) is about 130 bytes.</summary>
    private const int RoomPerPart = 512;

    /// <summary>Longer than any state word of the engines'.</summary>
    private const int MaxStateLength = 32;

    /// <summary>Room kept after a part's name for the rest of the part: its state, start time and failures.</summary>
    private const int RoomAfterName = 128;

    /// <summary>What names and the engines' state words are made of, none of which JSON escapes.</summary>
    private const string PlainCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-";

    private static readonly SearchValues<char> PlainText = SearchValues.Create(PlainCharacters);
    private static readonly SearchValues<byte> PlainUtf8 = SearchValues.Create(Encoding.ASCII.GetBytes(PlainCharacters));

    /// <summary>How large a buffer <see cref="TryWrite"/> needs for a backup of this many parts.</summary>
    public static int RoomFor(int parts) => RoomAroundParts + (parts * RoomPerPart);

    /// <summary>
    /// False, with nothing written to count on, when the backup needs the general writer; <paramref name="utf8"/> holds
    /// at least <see cref="RoomFor"/> bytes.
    /// </summary>
    public static bool TryWrite(BackupReport backup, bool namesComponent, Span<byte> utf8, out int written)
    {
        written = 0;
        if (backup.FailureReason is not null)
        {
            return false;
        }

        var rest = utf8;
        Append(ref rest, "{\"backupId\":"u8);
        Utf8Formatter.TryFormat(backup.Id.Value, rest, out var idLength);
        rest = rest[idLength..];
        Append(ref rest, ",\"state\":\""u8);
        Append(ref rest, backup.State.Name());
        Append(ref rest, "\",\"failureReason\":null,\"details\":["u8);
        for (var i = 0; i < backup.Parts.Count; i++)
        {
            if (i > 0)
            {
                Append(ref rest, ","u8);
            }

            if (!TryWritePart(backup.Parts[i], ref rest))
            {
                return false;
            }
        }

        Append(ref rest, "]"u8);
        if (namesComponent)
        {
            Append(ref rest, ",\"component\":\""u8);
            Append(ref rest, backup.Component.Name());
            Append(ref rest, "\""u8);
        }

        Append(ref rest, "}"u8);
        written = utf8.Length - rest.Length;
        return true;
    }

    private static bool TryWritePart(Snapshot part, ref Span<byte> rest)
    {
        if (part.Failures is { Count: > 0 } || (part.EngineState is { } word && (word.Length > MaxStateLength || word.AsSpan().ContainsAnyExcept(PlainText))))
        {
            return false;
        }

        Append(ref rest, "{\"snapshotName\":\""u8);
        if (!part.Name.TryFormat(rest[..(RoomPerPart - RoomAfterName)], out var nameLength) || rest[..nameLength].ContainsAnyExcept(PlainUtf8))
        {
            return false;
        }

        rest = rest[nameLength..];
        if (part.EngineState is { } state)
        {
            Append(ref rest, "\",\"state\":\""u8);
            Append(ref rest, state);
            Append(ref rest, "\","u8);
        }
        else
        {
            Append(ref rest, "\",\"state\":null,"u8);
        }

        if (part.StartTime is { } start)
        {
            Append(ref rest, "\"startTime\":\""u8);
            ApiTime.Format(start, rest);
            rest = rest[ApiTime.Length..];
            Append(ref rest, "\","u8);
        }
        else
        {
            Append(ref rest, "\"startTime\":null,"u8);
        }

        Append(ref rest, part.Failures is null ? "\"failures\":null}"u8 : "\"failures\":[]}"u8);
        return true;
    }

    private static void Append(ref Span<byte> utf8, ReadOnlySpan<byte> text)
    {
        text.CopyTo(utf8);
        utf8 = utf8[text.Length..];
    }

    /// <summary>Text known to be plain ASCII: the state words and the component's name.</summary>
    private static void Append(ref Span<byte> utf8, string ascii) => utf8 = utf8[Encoding.ASCII.GetBytes(ascii, utf8)..];
}
