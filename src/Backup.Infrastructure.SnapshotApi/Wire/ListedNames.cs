using System.Text;
using System.Text.Json;
using Backup.Domain;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>
/// Reads the snapshot names of one listing. The engines list each backup's parts together, and those names differ only
/// in their part numbers: a name that shares the last name read whole up to its part numbers is read from them alone.
/// </summary>
internal sealed class ListedNames
{
    /// <summary>Longer than any name this service writes (its version is at most 64 characters).</summary>
    private const int MaxLength = 256;

    // Buffers of their own, not stackalloc: that would be cleared again for each of a listing's thousands of names.
    private readonly char[] _chars = new char[MaxLength];
    private readonly byte[] _wholeUtf8 = new byte[MaxLength];
    private int _wholeLength;
    private SnapshotName _whole;

    /// <summary>A name written in printable ASCII, as its bytes.</summary>
    public bool TryRead(ReadOnlySpan<byte> ascii, out SnapshotName name)
    {
        if (_wholeLength > 0 && SnapshotName.TryParse(ascii, _whole, _wholeUtf8.AsSpan(0, _wholeLength), out name))
        {
            return true;
        }

        if (ascii.Length > MaxLength || !SnapshotName.TryParse(_chars.AsSpan(0, Encoding.ASCII.GetChars(ascii, _chars)), out name))
        {
            name = default;
            return false;
        }

        ascii.CopyTo(_wholeUtf8);
        _wholeLength = ascii.Length;
        _whole = name;
        return true;
    }

    /// <summary>A name as the JSON reader has it (the reader is on a string), escaped or in pieces.</summary>
    public bool TryRead(ref Utf8JsonReader reader, out SnapshotName name)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxLength)
        {
            name = default;
            return false;
        }

        return SnapshotName.TryParse(_chars.AsSpan(0, reader.CopyString(_chars)), out name);
    }
}
