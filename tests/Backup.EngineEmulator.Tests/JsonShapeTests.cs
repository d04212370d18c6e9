using System.Text.Json.Nodes;
using Backup.Tests.Shared;

namespace Backup.EngineEmulator.Tests;

public sealed class JsonShapeTests
{
    [TestCase("""{"a": 1}""", """{"a": 2}""", ExpectedResult = "")]
    [TestCase("""{"a": 1, "b": "x"}""", """{"a": 2}""", ExpectedResult = "$.b: missing")]
    [TestCase("""{"a": 1}""", """{"a": 2, "c": true}""", ExpectedResult = "$.c: not in the fixture")]
    [TestCase("""{"a": 1}""", """{"a": "1"}""", ExpectedResult = "$.a: expected number, got string")]
    [TestCase("""{"a": [{"x": 1}]}""", """{"a": [{"x": 1}, {"y": 1}]}""", ExpectedResult = "$.a[].x: missing; $.a[].y: not in the fixture")]
    [TestCase("""{"a": [{"x": 1, "y": 1}, {"x": 2}]}""", """{"a": [{"x": 3}]}""", ExpectedResult = "")]
    [TestCase("""{"a": []}""", """{"a": [{"anything": 1}]}""", ExpectedResult = "")]
    [TestCase("""{"m": {"k1": {"v": 1}}}""", """{"m": {"other": {"v": "s"}}}""", ExpectedResult = "$.m.*.v: expected number, got string")]
    public string Reports_what_differs(string expected, string actual) =>
        string.Join("; ", JsonShape.Differences(JsonNode.Parse(expected), JsonNode.Parse(actual), "$.m"));

    [Test]
    public async Task An_OpenSearch_listing_does_not_pass_for_an_Elasticsearch_8_one()
    {
        await using var engine = await Engine.StartAsync(EngineFlavor.OpenSearch2);
        await engine.CreateSnapshotAsync("snapshot_1", wait: true);

        var answer = (await engine.GetAsync($"_snapshot/{Engine.Repository}/_all")).Body;

        Assert.That(JsonShape.Differences(Fixtures.Load("es8-get-snapshots.json"), answer), Is.SupersetOf(new[]
        {
            "$.total: missing", "$.remaining: missing", "$.snapshots[].repository: missing", "$.snapshots[].feature_states: missing",
        }));
    }
}
