using System.Reflection;
using System.Text.Json.Nodes;

namespace Backup.EngineEmulator.Tests;

/// <summary>The official engine payloads in ../shared/fixtures (see SOURCES.md there).</summary>
internal static class Fixtures
{
    private static readonly string Folder = Path.Combine(
        typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SharedDir").Value!,
        "fixtures");

    public static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!;

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));
}
