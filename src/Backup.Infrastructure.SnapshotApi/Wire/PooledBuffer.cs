using System.Buffers;

namespace Backup.Infrastructure.SnapshotApi.Wire;

/// <summary>An answer's bytes read into a buffer rented from the shared pool, which doubles whenever it is full.</summary>
internal sealed class PooledBuffer(int size) : IDisposable
{
    private byte[]? _bytes = ArrayPool<byte>.Shared.Rent(size);

    /// <summary>How many bytes the buffer holds.</summary>
    private int Filled { get; set; }

    /// <summary>The bytes held; valid until the next read, <see cref="Consume"/> or <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Span => Bytes.AsSpan(0, Filled);

    private byte[] Bytes => _bytes ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    /// <summary>Reads what the body has next after the bytes held; 0 at its end.</summary>
    public async ValueTask<int> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        if (Filled == Bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Bytes.Length * 2);
            Span.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Bytes);
            _bytes = larger;
        }

        var read = await body.ReadAsync(Bytes.AsMemory(Filled), cancellationToken);
        Filled += read;
        return read;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes held, keeping the rest at the front.</summary>
    public void Consume(int count)
    {
        Span[count..].CopyTo(Bytes);
        Filled -= count;
    }

    public void Dispose()
    {
        if (_bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = null;
        }
    }
}
