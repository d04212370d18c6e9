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
        Digits(utf8[..4], year);
        utf8[4] = (byte)'-';
        Digits(utf8[5..7], month);
        utf8[7] = (byte)'-';
        Digits(utf8[8..10], day);
        utf8[10] = (byte)'T';
        Digits(utf8[11..13], clock.Hours);
        utf8[13] = (byte)':';
        Digits(utf8[14..16], clock.Minutes);
        utf8[16] = (byte)':';
        Digits(utf8[17..19], clock.Seconds);
        utf8[19] = (byte)'.';
        Digits(utf8[20..23], clock.Milliseconds);
        "+0000"u8.CopyTo(utf8[23..]);
    }

    private static void Digits(Span<byte> utf8, int value)
    {
        for (var i = utf8.Length - 1; i >= 0; i--, value /= 10)
        {
            utf8[i] = (byte)('0' + (value % 10));
        }
    }
}
