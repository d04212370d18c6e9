using System.Text;

namespace Backup.Api.Contracts;

/// <summary>Times as the original API wrote them.</summary>
public static class ApiTime
{
    /// <summary>
    /// The original's format, <c>2023-01-01T10:10:10.100+0000</c>, always in UTC; written digit by digit, since a list
    /// answer holds one per snapshot and a custom format string costs several times as much.
    /// </summary>
    public const int Length = 28;

    public static string Format(DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[Length];
        Format(time, text);
        return Encoding.ASCII.GetString(text);
    }

    /// <summary>Writes the time as UTF-8 into the first <see cref="Length"/> bytes of <paramref name="utf8"/>.</summary>
    public static void Format(DateTimeOffset time, Span<byte> utf8)
    {
        var utc = time.UtcDateTime;
        var (year, month, day) = utc;
        var clock = utc.TimeOfDay;
        TwoDigits(utf8, year / 100);
        TwoDigits(utf8[2..], year % 100);
        utf8[4] = (byte)'-';
        TwoDigits(utf8[5..], month);
        utf8[7] = (byte)'-';
        TwoDigits(utf8[8..], day);
        utf8[10] = (byte)'T';
        TwoDigits(utf8[11..], clock.Hours);
        utf8[13] = (byte)':';
        TwoDigits(utf8[14..], clock.Minutes);
        utf8[16] = (byte)':';
        TwoDigits(utf8[17..], clock.Seconds);
        utf8[19] = (byte)'.';
        utf8[20] = (byte)('0' + (clock.Milliseconds / 100));
        TwoDigits(utf8[21..], clock.Milliseconds % 100);
        "+0000"u8.CopyTo(utf8[23..]);
    }

    /// <summary>Two digits at once from a table: a digit at a time, with its division, was a fifth of writing a part.</summary>
    private static void TwoDigits(Span<byte> utf8, int value)
    {
        DigitPairs.Slice(value * 2, 2).CopyTo(utf8);
    }

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;
}
