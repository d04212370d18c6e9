namespace Backup.EngineEmulator.Tests;

/// <summary>Every flavour the emulator serves, for contract fixtures that hold in all of them.</summary>
internal static class Flavours
{
    public static readonly EngineFlavor[] All = Enum.GetValues<EngineFlavor>();

    public static bool IsOpenSearch(EngineFlavor flavor) =>
        flavor is EngineFlavor.OpenSearch1 or EngineFlavor.OpenSearch2 or EngineFlavor.OpenSearch3;

    /// <summary>Elasticsearch 8.x and later (the suites' <c>cluster_features</c> gates past 7.17).</summary>
    public static bool IsElasticsearch8Plus(EngineFlavor flavor) => flavor is EngineFlavor.Elasticsearch8 or EngineFlavor.Elasticsearch9;
}
