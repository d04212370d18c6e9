namespace Backup.Infrastructure.Tests;

/// <summary>A body that gives at most <paramref name="chunk"/> bytes per read, as a slow network does.</summary>
internal sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
}
