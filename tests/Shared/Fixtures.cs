using System.Reflection;
using System.Text.Json.Nodes;

namespace Backup.Tests.Shared;

/// <summary>The official engine payloads in ../shared/fixtures (see SOURCES.md there), for every test project that needs them.</summary>
internal static class Fixtures
{
    private static readonly string Folder = Path.Combine(
        typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SharedDir").Value!,
        "fixtures");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static JsonNode Load(string name) => JsonNode.Parse(Text(name))!;

    /// <summary>A get-snapshots fixture with its snapshots renamed, since the adapter only reads names it can parse.</summary>
    public static string SnapshotsNamed(string fixture, params string[] names)
    {
        var root = Load(fixture);
        var snapshots = root["snapshots"]!.AsArray();
        for (var i = 0; i < snapshots.Count; i++)
        {
            snapshots[i]!["snapshot"] = names[i % names.Length];
        }

        return root.ToJsonString();
    }
}
