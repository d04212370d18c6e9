namespace Backup.EngineEmulator;

/// <summary>The engine and major version whose wire format the emulator speaks.</summary>
public enum EngineFlavor
{
    Elasticsearch7,
    Elasticsearch8,
    Elasticsearch9,
    OpenSearch1,
    OpenSearch2,
    OpenSearch3,
}

/// <summary>What each flavour says about itself, and where its wire format differs.</summary>
internal static class FlavorTraits
{
    public static bool IsOpenSearch(this EngineFlavor flavor) =>
        flavor is EngineFlavor.OpenSearch1 or EngineFlavor.OpenSearch2 or EngineFlavor.OpenSearch3;

    public static string Number(this EngineFlavor flavor) => flavor switch
    {
        EngineFlavor.Elasticsearch7 => "7.17.25",
        EngineFlavor.Elasticsearch8 => "8.15.0",
        EngineFlavor.Elasticsearch9 => "9.1.0",
        EngineFlavor.OpenSearch1 => "1.3.19",
        EngineFlavor.OpenSearch2 => "2.19.1",
        EngineFlavor.OpenSearch3 => "3.2.0",
        _ => throw new ArgumentOutOfRangeException(nameof(flavor)),
    };

    /// <summary>
    /// A snapshot's <c>version_id</c>: the legacy id scheme (major*1000000 + minor*10000 + revision*100 + 99) on
    /// Elasticsearch 7 and OpenSearch (which also sets bit 27), the index-version id from Elasticsearch 8.10 on.
    /// </summary>
    public static long SnapshotVersionId(this EngineFlavor flavor) => flavor switch
    {
        EngineFlavor.Elasticsearch8 => 8505000,
        EngineFlavor.Elasticsearch9 => 9009000,
        _ => LegacyId(flavor.Number()) | (flavor.IsOpenSearch() ? 0x08000000L : 0L),
    };

    /// <summary>A snapshot's <c>version</c>: the release, or on Elasticsearch 8.10+ the index-version id as a string.</summary>
    public static string SnapshotVersion(this EngineFlavor flavor) =>
        flavor is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9
            ? flavor.SnapshotVersionId().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : flavor.Number();

    /// <summary>Elasticsearch 8.x+ has its own type for a snapshot name in use; 7.x and OpenSearch use the generic one.</summary>
    public static string NameInUseType(this EngineFlavor flavor) =>
        flavor is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9
            ? "snapshot_name_already_in_use_exception"
            : "invalid_snapshot_name_exception";

    /// <summary>
    /// Elasticsearch 8+ sends a get-snapshots answer in chunks as it writes it (its response is a
    /// <c>ChunkedToXContentObject</c>); Elasticsearch 7 and OpenSearch build the whole answer, then send it.
    /// </summary>
    public static bool StreamsListings(this EngineFlavor flavor) => flavor is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9;

    /// <summary>Elasticsearch 7.14+ pages and sorts snapshot listings; OpenSearch does not.</summary>
    public static bool PagesSnapshots(this EngineFlavor flavor) => !flavor.IsOpenSearch();

    private static long LegacyId(string number)
    {
        var parts = number.Split('.').Select(p => long.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (parts[0] * 1_000_000) + (parts[1] * 10_000) + (parts[2] * 100) + 99;
    }
}
