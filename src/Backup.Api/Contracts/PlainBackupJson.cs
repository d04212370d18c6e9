using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Backup.Domain;

namespace Backup.Api.Contracts;

/// <summary>
/// One backup of the list answer written in one go when none of its text needs escaping: every backup but those with a
/// failure reason, shard failures, a state word outside the engines' or a name this service did not write. The general
/// writer checks each string for characters to escape and keeps its place in the JSON at every step, and a list of
/// 1,000 backups has 6,000 parts; this writes about 770 bytes per backup by copying: a part's name from the part before
/// it, its state from the part before it with the same word, and a backup alike the one before it but for its id from
/// that one. The bytes are the general writer's own, which contract tests hold. One per answer: it keeps the last state
/// word and the last backup it wrote.
/// </summary>
internal sealed class PlainBackupJson : IDisposable
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

    private static readonly byte[] NullStateText = "\",\"state\":null,"u8.ToArray();

    /// <summary>Where the id's digits are in the last backup written whole: in its <c>backupId</c>, then in each part's name.</summary>
    private readonly int[] _idStarts;

    private readonly bool _namesComponent;

    private byte[]? _buffer;

    /// <summary>The last backup written, whose text the buffer still holds; null when the buffer holds none whole.</summary>
    private (BackupReport Backup, int IdLength, int Length)? _last;

    /// <summary>The last state word written, and what follows a part's name for it; null when the word needs escaping.</summary>
    private (string? Word, byte[]? Text) _state;

    /// <param name="maxParts">The most parts any backup to write has.</param>
    /// <param name="namesComponent">Whether each backup's component is written too.</param>
    public PlainBackupJson(int maxParts, bool namesComponent)
    {
        _namesComponent = namesComponent;
        _buffer = ArrayPool<byte>.Shared.Rent(RoomAroundParts + (maxParts * RoomPerPart));
        _idStarts = new int[maxParts + 1];
    }

    /// <summary>
    /// False when the backup needs the general writer; otherwise <paramref name="json"/> holds the backup's JSON, valid
    /// until the next call.
    /// </summary>
    public bool TryWrite(BackupReport backup, out ReadOnlySpan<byte> json)
    {
        json = default;
        if (backup.FailureReason is not null)
        {
            return false;
        }

        var utf8 = _buffer ?? throw new ObjectDisposedException(nameof(PlainBackupJson));
        if (TryRewriteLast(backup, utf8, out json))
        {
            return true;
        }

        _last = null;
        var rest = utf8.AsSpan();
        Append(ref rest, "{\"backupId\":"u8);
        _idStarts[0] = utf8.Length - rest.Length;
        Utf8Formatter.TryFormat(backup.Id.Value, rest, out var idLength);
        rest = rest[idLength..];
        Append(ref rest, ",\"state\":\""u8);
        Append(ref rest, backup.State.Name());
        Append(ref rest, "\",\"failureReason\":null,\"details\":["u8);
        ReadOnlySpan<byte> previousName = default;
        for (var i = 0; i < backup.Parts.Count; i++)
        {
            if (i > 0)
            {
                Append(ref rest, ","u8);
            }

            var part = backup.Parts[i];
            if (part.Failures is { Count: > 0 } || StateText(part.EngineState) is not { } state)
            {
                return false;
            }

            Append(ref rest, "{\"snapshotName\":\""u8);
            var room = rest[..(RoomPerPart - RoomAfterName)];
            var named = i == 0
                ? part.Name.TryFormat(room, out var nameLength)
                : part.Name.TryFormat(room, backup.Parts[i - 1].Name, previousName, out nameLength);
            if (!named || room[..nameLength].ContainsAnyExcept(PlainUtf8))
            {
                return false;
            }

            previousName = room[..nameLength];
            _idStarts[i + 1] = utf8.Length - rest.Length + part.Name.BackupIdStart;
            rest = rest[nameLength..];
            Append(ref rest, state);
            WriteRestOfPart(part, ref rest);
        }

        Append(ref rest, "]"u8);
        if (_namesComponent)
        {
            Append(ref rest, ",\"component\":\""u8);
            Append(ref rest, backup.Component.Name());
            Append(ref rest, "\""u8);
        }

        Append(ref rest, "}"u8);
        json = utf8.AsSpan(0, utf8.Length - rest.Length);
        _last = (backup, idLength, json.Length);
        return true;
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    /// <summary>
    /// A names-only listing's backups are alike but for their ids: a backup that differs from the last one written only in
    /// its id, and by an id of as many digits, is the last one's text, still in the buffer, with the id written over.
    /// </summary>
    private bool TryRewriteLast(BackupReport backup, byte[] utf8, out ReadOnlySpan<byte> json)
    {
        json = default;
        Span<byte> id = stackalloc byte[20];
        if (_last is not { } last || !IsAlikeButForId(backup, last.Backup)
            || !Utf8Formatter.TryFormat(backup.Id.Value, id, out var idLength) || idLength != last.IdLength)
        {
            return false;
        }

        foreach (var start in _idStarts.AsSpan(0, backup.Parts.Count + 1))
        {
            id[..idLength].CopyTo(utf8.AsSpan(start));
        }

        _last = last with { Backup = backup };
        json = utf8.AsSpan(0, last.Length);
        return true;
    }

    /// <summary>Whether the two backups' text is the same but for their ids: state, and each part's name, state, start and failures.</summary>
    private static bool IsAlikeButForId(BackupReport backup, BackupReport last)
    {
        if (backup.State != last.State || backup.Parts.Count != last.Parts.Count)
        {
            return false;
        }

        for (var i = 0; i < backup.Parts.Count; i++)
        {
            var (part, lastPart) = (backup.Parts[i], last.Parts[i]);
            if (part.Name with { BackupId = lastPart.Name.BackupId } != lastPart.Name
                || !string.Equals(part.EngineState, lastPart.EngineState, StringComparison.Ordinal)
                || !part.StartedWith(lastPart)
                || (part.Failures is null) != (lastPart.Failures is null)
                || part.Failures is { Count: > 0 })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What follows a part's name up to its start time (<c>","state":"SUCCESS",</c>); null when the word needs escaping.</summary>
    private byte[]? StateText(string? word)
    {
        // The listing's parts share a few state strings: the text is made again only when the word changes.
        if (!ReferenceEquals(word, _state.Word) && word is not null)
        {
            var plain = word.Length <= MaxStateLength && !word.AsSpan().ContainsAnyExcept(PlainText);
            _state = (word, plain ? Encoding.ASCII.GetBytes($"\",\"state\":\"{word}\",") : null);
        }

        return word is null ? NullStateText : _state.Text;
    }

    private static void WriteRestOfPart(Snapshot part, ref Span<byte> rest)
    {
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
    }

    private static void Append(ref Span<byte> utf8, ReadOnlySpan<byte> text)
    {
        text.CopyTo(utf8);
        utf8 = utf8[text.Length..];
    }

    /// <summary>Text known to be plain ASCII: the state words and the component's name.</summary>
    private static void Append(ref Span<byte> utf8, string ascii) => utf8 = utf8[Encoding.ASCII.GetBytes(ascii, utf8)..];
}
