using System.Text;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;

namespace Backup.Infrastructure.Tests;

internal static class TrickledListing
{
    /// <summary>
    /// A listing's answer read as it arrives, at most <paramref name="chunk"/> bytes at a time; it is also read whole
    /// (as an Elasticsearch page is), which must give the same.
    /// </summary>
    public static async Task<SnapshotPage> ReadAsync(string answer, int chunk, bool verbose = true)
    {
        var bytes = Encoding.UTF8.GetBytes(answer);
        using var body = new TrickleStream(bytes, chunk);
        var trickled = await SnapshotListingReader.ReadAsync(body, [], verbose, CancellationToken.None);

        var whole = SnapshotListingReader.Read(bytes, [], verbose);
        Assert.That(whole.Next, Is.EqualTo(trickled.Next), "the cursor, read whole");
        Assert.That(whole.Snapshots.Select(Described), Is.EqualTo(trickled.Snapshots.Select(Described)), "the snapshots, read whole");
        return trickled;
    }

    private static string Described(Snapshot snapshot) =>
        $"{snapshot.Name} {snapshot.EngineState} {snapshot.StartTime:O} {snapshot.EndTime:O} "
        + (snapshot.Failures is null ? "(no failures asked for)" : string.Join(" | ", snapshot.Failures));
}
