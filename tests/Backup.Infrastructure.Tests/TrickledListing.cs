using System.Text;
using Backup.Infrastructure.SnapshotApi.Wire;

namespace Backup.Infrastructure.Tests;

internal static class TrickledListing
{
    /// <summary>A listing's answer read as it arrives, at most <paramref name="chunk"/> bytes at a time.</summary>
    public static async Task<SnapshotPage> ReadAsync(string answer, int chunk, bool verbose = true)
    {
        using var body = new TrickleStream(Encoding.UTF8.GetBytes(answer), chunk);
        return await SnapshotListingReader.ReadAsync(body, [], verbose, CancellationToken.None);
    }
}
