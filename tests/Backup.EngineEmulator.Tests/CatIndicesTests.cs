using System.Text.Json.Nodes;
using static Backup.EngineEmulator.EngineFlavor;

namespace Backup.EngineEmulator.Tests;

/// <summary><c>_cat/indices</c> in the engines' default text format, as the Camunda 8.7 docs' restore loop reads it.</summary>
public sealed class CatIndicesTests
{
    private static async Task<string> TextAsync(Engine engine, string path)
    {
        using var response = await engine.Http.GetAsync(path);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return await response.Content.ReadAsStringAsync();
    }

    [Test]
    public async Task Text_is_the_default_one_line_per_index_with_every_column()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);

        var lines = (await TextAsync(engine, "_cat/indices?s=index")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..3], Is.EqualTo(new[] { "green", "open", "index_1" }));
        Assert.That(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(11));
    }

    [TestCase(Elasticsearch8, "health status index   uuid")]
    [TestCase(OpenSearch2, "health status index   uuid")]
    public async Task V_adds_a_header_aligned_with_the_rows(EngineFlavor flavor, string start)
    {
        await using var engine = await Engine.StartAsync(flavor);

        var lines = (await TextAsync(engine, "_cat/indices?v&s=index")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[0], Does.StartWith(start));
        Assert.That(lines[1].IndexOf("index_1", StringComparison.Ordinal), Is.EqualTo(lines[0].IndexOf("index ", StringComparison.Ordinal)));
    }

    [Test]
    public async Task H_picks_columns_and_s_sorts_backwards_with_desc()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);

        var text = await TextAsync(engine, "_cat/indices?h=index&s=index:desc");

        Assert.That(text, Is.EqualTo("index_2\nindex_1\n"));
    }

    [Test]
    public async Task Format_json_answers_the_same_rows_as_json()
    {
        await using var engine = await Engine.StartAsync(Elasticsearch8);

        var (_, body) = await engine.GetAsync("_cat/indices/index_*?format=json&h=index,health&s=index");

        Assert.That(body!.AsArray().Select(r => r!.ToJsonString()), Is.EqualTo(new[]
        {
            new JsonObject { ["index"] = "index_1", ["health"] = "green" }.ToJsonString(),
            new JsonObject { ["index"] = "index_2", ["health"] = "green" }.ToJsonString(),
        }));
    }
}
