namespace Backup.Api.Contracts;

/// <summary>Times as the original API wrote them.</summary>
public static class ApiTime
{
    /// <summary>
    /// The original's format, <c>2023-01-01T10:10:10.100+0000</c>, always in UTC; written digit by digit, since a list
    /// answer holds one per snapshot and a custom format string costs several times as much.
    /// </summary>
    public const int Length = 28;

    public static string Format(DateTimeOffset time) => string.Create(Length, time, static (text, time) => Format(time, text));

    /// <summary>Writes the time into the first <see cref="Length"/> characters of <paramref name="text"/>.</summary>
    public static void Format(DateTimeOffset time, Span<char> text)
    {
        var utc = time.UtcDateTime;
        Digits(text[..4], utc.Year);
        text[4] = '-';
        Digits(text[5..7], utc.Month);
        text[7] = '-';
        Digits(text[8..10], utc.Day);
        text[10] = 'T';
        Digits(text[11..13], utc.Hour);
        text[13] = ':';
        Digits(text[14..16], utc.Minute);
        text[16] = ':';
        Digits(text[17..19], utc.Second);
        text[19] = '.';
        Digits(text[20..23], utc.Millisecond);
        "+0000".CopyTo(text[23..]);
    }

    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10)
        {
            text[i] = (char)('0' + (value % 10));
        }
    }
}
