using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Backup.Domain;

/// <summary>
/// The name of one part's snapshot: <c>camunda_&lt;component&gt;_&lt;backupId&gt;_&lt;version&gt;_part_&lt;n&gt;_of_&lt;count&gt;</c>.
/// </summary>
public readonly partial record struct SnapshotName(Component Component, BackupId BackupId, string Version, int PartNumber, int PartCount)
{
    private const string Prefix = "camunda_";

    private static readonly Component[] Components = Enum.GetValues<Component>();

    private static string? _lastVersion;

    /// <summary>The engine pattern for every snapshot of one component's backups.</summary>
    public static string PatternFor(Component component) => $"{Prefix}{component.Name()}_*";

    /// <summary>The engine pattern for every part of one backup (the trailing <c>_</c> keeps 12 from matching 120).</summary>
    public static string PatternFor(Component component, BackupId id) => PatternForIdWritten(component, id.ToString());

    /// <summary>The engine pattern for the parts of the backup whose id is written so (digits as the caller gave them).</summary>
    internal static string PatternForIdWritten(Component component, string digits) => $"{Prefix}{component.Name()}_{digits}_*";

    /// <summary>The engine pattern for the backups whose ids start with these digits.</summary>
    internal static string PatternForIdsStartingWith(Component component, string digits) => $"{Prefix}{component.Name()}_{digits}*";

    /// <summary>One expression for several patterns: the engines' multi-target syntax.</summary>
    /// <summary>
    /// Every snapshot of a platform backup: each component's parts (Optimize names its own the same way) and the
    /// records snapshot.
    /// </summary>
    public static string PatternForPlatformBackup(BackupId id) => AnyOf([$"{Prefix}*_{id}_*", Platform.PlatformNames.RecordsSnapshot(id)]);

    internal static string AnyOf(IEnumerable<string> patterns) => string.Join(',', patterns);

    /// <summary>
    /// Reads a snapshot name back; false for anything this service did not name (SLM snapshots, hand-made ones, a
    /// non-numeric id, a part outside 1..count, numbers with leading zeros): a name is read only when writing it back
    /// gives the very same name, so that a delete can never aim at a neighbour.
    /// </summary>
    public static bool TryParse(string? text, out SnapshotName name)
    {
        name = default;
        return text is not null && TryParse(text.AsSpan(), out name);
    }

    /// <inheritdoc cref="TryParse(string?, out SnapshotName)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out SnapshotName name)
    {
        // By hand rather than by regular expression: listing a repository of 10,000 backups reads 60,000 names.
        name = default;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[Prefix.Length..];
        if (!TakeComponent(ref rest, out var component))
        {
            return false;
        }

        if (!TakeNumber(ref rest, 19, out var id) || !TakeLiteral(ref rest, "_"))
        {
            return false;
        }

        var versionLength = rest.IndexOf('_');
        if (versionLength <= 0)
        {
            return false;
        }

        var version = rest[..versionLength];
        rest = rest[versionLength..];
        if (!TakeLiteral(ref rest, "_part_") || !TryReadPartNumbers(rest, out var part, out var count))
        {
            return false;
        }

        name = new SnapshotName(component, BackupId.Create(id).Value, Intern(version), part, count);
        return true;
    }

    /// <summary>
    /// Reads a name as UTF-8 from the name before it in a listing, <paramref name="previous"/>, read from
    /// <paramref name="previousUtf8"/>: a listing names one backup's parts one after another, and those differ only in
    /// their part numbers, which are all that is read here. False when the two are not parts of one backup, or the part
    /// numbers are not as this service writes them: the name is then read whole.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, SnapshotName previous, ReadOnlySpan<byte> previousUtf8, out SnapshotName name)
    {
        name = default;
        var stem = StemLength(previousUtf8);
        if (stem < 0 || !utf8.StartsWith(previousUtf8[..stem]))
        {
            return false;
        }

        if (!TryReadPartNumbers(utf8[stem..], out var part, out var count))
        {
            return false;
        }

        name = previous with { PartNumber = part, PartCount = count };
        return true;
    }

    /// <summary>A name's end after its <c>_part_</c>, <c>n_of_count</c>, as this service writes it: 1 ≤ n ≤ count.</summary>
    private static bool TryReadPartNumbers<TChar>(ReadOnlySpan<TChar> text, out int part, out int count)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        part = count = 0;
        if (!TakeNumber(ref text, 9, out var n) || !TakeLiteral(ref text, "_of_") || !TakeNumber(ref text, 9, out var m)
            || !text.IsEmpty || n < 1 || n > m)
        {
            return false;
        }

        (part, count) = ((int)n, (int)m);
        return true;
    }

    private static bool TakeComponent(ref ReadOnlySpan<char> text, out Component component)
    {
        foreach (var candidate in Components)
        {
            if (text.StartsWith(candidate.Name(), StringComparison.Ordinal) && text[candidate.Name().Length..].StartsWith("_"))
            {
                component = candidate;
                text = text[(candidate.Name().Length + 1)..];
                return true;
            }
        }

        component = default;
        return false;
    }

    /// <summary>A number as this service writes it: digits only, no leading zero (0 alone is 0), at most <paramref name="maxDigits"/>.</summary>
    private static bool TakeNumber<TChar>(ref ReadOnlySpan<TChar> text, int maxDigits, out long number)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        number = 0;
        var zero = TChar.CreateTruncating('0');
        var length = text.IndexOfAnyExceptInRange(zero, TChar.CreateTruncating('9'));
        length = length < 0 ? text.Length : length;
        if (length == 0 || length > maxDigits || (text[0] == zero && length > 1))
        {
            return false;
        }

        // Digit by digit: long.TryParse's culture and style handling was a tenth of reading a listing's names. Nineteen
        // digits always fit an unsigned long, and may still be above long's range.
        ulong value = 0;
        foreach (var digit in text[..length])
        {
            value = (value * 10) + ulong.CreateTruncating(digit - zero);
        }

        if (value > long.MaxValue)
        {
            return false;
        }

        number = (long)value;

        text = text[length..];
        return true;
    }

    private static bool TakeLiteral<TChar>(ref ReadOnlySpan<TChar> text, string literal)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (text.Length < literal.Length)
        {
            return false;
        }

        for (var i = 0; i < literal.Length; i++)
        {
            if (text[i] != TChar.CreateTruncating(literal[i]))
            {
                return false;
            }
        }

        text = text[literal.Length..];
        return true;
    }

    /// <summary>A repository's names share one or two versions: the last one read is reused rather than copied again.</summary>
    private static string Intern(ReadOnlySpan<char> version)
    {
        var last = _lastVersion;
        if (last is not null && version.SequenceEqual(last))
        {
            return last;
        }

        return _lastVersion = version.ToString();
    }

    /// <summary>
    /// Whether a Camunda version can be written into a snapshot name: lower case (the engine's rule),
    /// no <c>_</c> (it separates the name's fields) and none of the characters the engine forbids.
    /// </summary>
    public static bool IsValidVersion(string? version) => version is not null && VersionPattern().IsMatch(version);

    /// <summary>Where the backup id's digits begin in the name as written.</summary>
    public int BackupIdStart => Prefix.Length + Component.Name().Length + 1;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Component.Name()}_{BackupId}_{Version}_part_{PartNumber}_of_{PartCount}");

    /// <summary>Writes the name as UTF-8 into <paramref name="utf8"/> without allocating, as answers listing thousands do.</summary>
    public bool TryFormat(Span<byte> utf8, out int written)
    {
        // Piece by piece rather than interpolated: a list of 1,000 backups writes 6,000 names, and the interpolation's
        // culture lookup for each number made this the costliest step of writing a part.
        var rest = utf8;
        var done = Append(ref rest, Prefix) && Append(ref rest, Component.Name()) && Append(ref rest, "_"u8)
            && Append(ref rest, BackupId.Value) && Append(ref rest, "_"u8) && Append(ref rest, Version) && Append(ref rest, "_part_"u8)
            && Append(ref rest, PartNumber) && Append(ref rest, "_of_"u8) && Append(ref rest, PartCount);
        written = done ? utf8.Length - rest.Length : 0;
        return done;
    }

    /// <summary>
    /// <see cref="TryFormat(Span{byte}, out int)"/> for the name after <paramref name="previous"/>, written as
    /// <paramref name="previousUtf8"/>: one backup's parts differ only in their part numbers, so the rest of the name
    /// is copied from the previous one rather than written again.
    /// </summary>
    public bool TryFormat(Span<byte> utf8, SnapshotName previous, ReadOnlySpan<byte> previousUtf8, out int written)
    {
        var stem = StemLength(previousUtf8);
        if (stem < 0 || Component != previous.Component || BackupId != previous.BackupId
            || !string.Equals(Version, previous.Version, StringComparison.Ordinal))
        {
            return TryFormat(utf8, out written);
        }

        var rest = utf8;
        var done = Append(ref rest, previousUtf8[..stem]) && Append(ref rest, PartNumber) && Append(ref rest, "_of_"u8) && Append(ref rest, PartCount);
        written = done ? utf8.Length - rest.Length : 0;
        return done;
    }

    /// <summary>
    /// How long the part of a written name is that one backup's parts share, up to and with its <c>_part_</c>; -1 when
    /// there is none.
    /// </summary>
    private static int StemLength(ReadOnlySpan<byte> utf8)
    {
        var parts = utf8.LastIndexOf("_part_"u8);
        return parts < 0 ? -1 : parts + "_part_".Length;
    }

    private static bool Append(ref Span<byte> utf8, ReadOnlySpan<byte> text)
    {
        if (!text.TryCopyTo(utf8))
        {
            return false;
        }

        utf8 = utf8[text.Length..];
        return true;
    }

    private static bool Append(ref Span<byte> utf8, ReadOnlySpan<char> text)
    {
        if (Utf8.FromUtf16(text, utf8, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        utf8 = utf8[written..];
        return true;
    }

    private static bool Append(ref Span<byte> utf8, long number)
    {
        if (!Utf8Formatter.TryFormat(number, utf8, out var written))
        {
            return false;
        }

        utf8 = utf8[written..];
        return true;
    }

    // \z, not $: $ also matches before a final newline, which would end up in the snapshot's name.
    [GeneratedRegex(@"^[a-z0-9.+-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
