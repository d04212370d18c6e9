using System.Buffers;
using System.Text;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>
/// One page of an Elasticsearch listing read whole, undecoded, into a pooled buffer: its <c>next</c> is known the
/// moment its last byte is in, so the next page can be asked for while this one is decoded.
/// </summary>
internal sealed class ListingPageBytes : IDisposable
{
    private const int FirstBufferSize = 64 * 1024;

    /// <summary>The bytes of a base64 token, in either alphabet, with padding.</summary>
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_="u8);

    private readonly PooledBuffer _buffer;

    private ListingPageBytes(PooledBuffer buffer) => _buffer = buffer;

    public static async Task<ListingPageBytes?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new PooledBuffer(FirstBufferSize);
        try
        {
            while (await buffer.ReadAsync(body, cancellationToken) > 0)
            {
            }

            return new ListingPageBytes(buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The page's <c>next</c> as Elasticsearch writes it, the answer's last member (<c>"next":"…"}</c>); null when
    /// the answer does not end that way, and the next page is then asked for once this one is decoded.
    /// </summary>
    /// <remarks>
    /// The same bytes inside a string cannot end the answer: every quote in a string is escaped, and this needs the
    /// token's opening quote right after <c>"next":</c>. A token of base64 letters has no escapes, so it reads as the
    /// listing's reader reads it, which takes the last <c>next</c> of the answer.
    /// </remarks>
    public string? NextAtEnd()
    {
        var answer = Span.TrimEnd(" \t\r\n"u8);
        if (!answer.EndsWith("\"}"u8))
        {
            return null;
        }

        var beforeEnd = answer[..^2];
        var opening = beforeEnd.LastIndexOf((byte)'"');
        var member = beforeEnd[..Math.Max(opening, 0)];
        if (opening < 0 || !member.EndsWith("\"next\":"u8) || member.Length == 7 || member[^8] is not ((byte)',' or (byte)'{'))
        {
            return null;
        }

        var token = beforeEnd[(opening + 1)..];
        return token.IndexOfAnyExcept(TokenBytes) < 0 ? Encoding.ASCII.GetString(token) : null;
    }

    /// <summary>The page's bytes; valid until the page is disposed.</summary>
    public ReadOnlySpan<byte> Span => _buffer.Span;

    public void Dispose() => _buffer.Dispose();
}
