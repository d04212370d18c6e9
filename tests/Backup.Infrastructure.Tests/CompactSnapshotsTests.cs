using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;

namespace Backup.Infrastructure.Tests;

/// <summary>
/// The listing's snapshots read without a tokenizer: what it takes it must read exactly as the general reader does,
/// and whatever it does not take exactly as such it must leave, whole, to the general reader.
/// </summary>
public sealed class CompactSnapshotsTests
{
    private const string Name = "camunda_operate_7_8.7.0_part_1_of_2";

    private static readonly int[] ChunkSizes = [1, 3, 64, 4096, int.MaxValue];

    [Test]
    public void Reads_each_compact_element_in_any_field_order()
    {
        var elements = """,{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","state":"SUCCESS","start_time_in_millis":1700000000000,"end_time_in_millis":1700000001000}"""
            + """,{"end_time_in_millis":0,"state":"ANOTHER_WORD","snapshot":"camunda_operate_7_8.7.0_part_2_of_2"}""";
        var into = new List<Snapshot>();

        var consumed = Read(elements + "]", into);

        Assert.That(consumed, Is.EqualTo(Encoding.UTF8.GetByteCount(elements)));
        Assert.That(into.Select(s => (s.Name.ToString(), s.EngineState, s.StartTime, s.EndTime)), Is.EqualTo(new (string, string?, DateTimeOffset?, DateTimeOffset?)[]
        {
            (Name, "SUCCESS", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000)),
            ("camunda_operate_7_8.7.0_part_2_of_2", "ANOTHER_WORD", null, null),
        }));
        Assert.That(into.Select(s => s.Failures), Is.All.Empty, "a verbose element without failures has none");
    }

    [Test]
    public void A_listings_names_are_read_as_each_is_read_alone()
    {
        // Runs of one backup's parts among neighbours that share all but a little of their names, and names this service
        // did not write, in an order that mixes them.
        var random = new Random(19);
        string[] stems = ["camunda_operate_7_8.7.0", "camunda_operate_70_8.7.0", "camunda_operate_7_8.7.1", "camunda_tasklist_7_8.7.0", "camunda_operate_07_8.7.0"];
        string[] tails = ["_part_1_of_6", "_part_6_of_6", "_part_10_of_12", "_part_0_of_6", "_part_7_of_6", "_part_01_of_6", "_part_1_of_06", "_part_1_of_6x", "_part_1", ""];
        var names = new List<string>();
        for (var run = 0; run < 2_000; run++)
        {
            var stem = stems[random.Next(stems.Length)];
            names.AddRange(Enumerable.Range(0, random.Next(1, 4)).Select(_ => stem + tails[random.Next(tails.Length)]));
        }

        var listed = new ListedNames();
        var read = names.Select(n => listed.TryRead(Encoding.ASCII.GetBytes(n), out var name) ? name.ToString() : null).ToList();

        Assert.That(read, Is.EqualTo(names.Select(n => SnapshotName.TryParse(n, out var name) ? name.ToString() : null)));
        Assert.That(read.Count(n => n is not null), Is.GreaterThan(names.Count / 10), "the runs hold names of this service's");
    }

    [TestCase("""{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","state":"SUCCESS"}""", TestName = "no comma before it: the array's first element")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","state":"SUCCESS","failures":[]}""", TestName = "a field it does not know")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2", "state":"SUCCESS"}""", TestName = "whitespace")]
    [TestCase(""",{"snapshot":"camunda\u005Foperate_7_8.7.0_part_1_of_2"}""", TestName = "an escape in a string")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0é_part_1_of_2"}""", TestName = "a letter beyond ASCII")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","state":null}""", TestName = "null")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","start_time_in_millis":"1700000000000"}""", TestName = "a time as a string")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","start_time_in_millis":01}""", TestName = "a number with a leading zero")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","start_time_in_millis":-1}""", TestName = "a negative number")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","start_time_in_millis":1.5}""", TestName = "a fraction")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","start_time_in_millis":1000000000000000000}""", TestName = "a number of 19 digits")]
    [TestCase(""",{"snapshot":"camunda_operate_7_8.7.0_part_1_of_2","state":"SUCC""", TestName = "an element not whole yet")]
    [TestCase(""",{}""", TestName = "an empty object")]
    public void Leaves_an_element_it_does_not_take_exactly_to_the_general_reader(string element)
    {
        var into = new List<Snapshot>();
        var compact = """,{"snapshot":"camunda_operate_7_8.7.0_part_2_of_2","state":"SUCCESS"}""";

        var consumed = Read(compact + element + "]", into);

        Assert.That(consumed, Is.EqualTo(compact.Length), "the elements before it are read, it is not");
        Assert.That(into.Select(s => s.Name.ToString()), Is.EqualTo(new[] { "camunda_operate_7_8.7.0_part_2_of_2" }));
    }

    [Test]
    public void An_element_whose_name_is_not_the_services_is_passed_over()
    {
        var into = new List<Snapshot>();
        var elements = """,{"snapshot":"nightly-snap-2024.01.01","state":"SUCCESS"},{"state":"SUCCESS"},{"snapshot":"camunda_operate_07_8.7.0_part_1_of_1"}"""
            + $$""",{"snapshot":"{{Name}}{{new string('x', 300)}}"}""";

        var consumed = Read(elements, into, verbose: false);

        Assert.That(consumed, Is.EqualTo(elements.Length));
        Assert.That(into, Is.Empty);
    }

    /// <summary>
    /// Whatever the mix of elements, compact or not, and however the bytes arrive, the listing reads as it does when
    /// every element goes through the general reader (the same answer indented, which the compact reader never takes).
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task A_listing_reads_alike_whichever_reader_takes_each_element(int seed)
    {
        var random = new Random(seed);
        var snapshots = new JsonArray([.. Enumerable.Range(0, 400).Select(i => RandomElement(random, i))]);
        var answer = new JsonObject { ["snapshots"] = snapshots };
        // Letters beyond ASCII as themselves, as the engines write them, not escaped as the serializer would by default.
        var compact = answer.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var indented = answer.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true });
        Assert.That(compact, Does.Contain("é").And.Contain("\\\"STATE\\\""));
        var expected = Describe((await TrickledListing.ReadAsync(indented, int.MaxValue)).Snapshots);
        Assert.That(expected, Has.Count.GreaterThan(100), "the listing holds names of the service's");

        foreach (var chunk in ChunkSizes)
        {
            Assert.That(Describe((await TrickledListing.ReadAsync(compact, chunk)).Snapshots), Is.EqualTo(expected), $"read {chunk} bytes at a time");
        }
    }

    private static int Read(string elements, List<Snapshot> into, bool verbose = true) =>
        CompactSnapshots.ReadEach(Encoding.UTF8.GetBytes(elements), new ListedNames(), verbose, into);

    private static List<string> Describe(List<Snapshot> snapshots) =>
        [.. snapshots.Select(s => $"{s.Name} {s.EngineState ?? "-"} {s.StartTime?.ToUnixTimeMilliseconds()} {s.EndTime?.ToUnixTimeMilliseconds()} [{string.Join("|", s.Failures ?? ["null"])}]")];

    /// <summary>Mostly what the engines write; now and then what only the general reader may take.</summary>
    private static JsonObject RandomElement(Random random, int i)
    {
        var name = random.Next(10) switch
        {
            0 => $"camunda_operate_{i}_8.7.0é_part_1_of_1",
            1 => $"hand-made-{i}",
            2 => $"camunda_operate_{i}_8.7.0_part_{7}_of_6",
            _ => $"camunda_operate_{i}_8.7.0_part_{1 + (i % 6)}_of_6",
        };
        var fields = new List<KeyValuePair<string, JsonNode?>>
        {
            new("snapshot", name),
            new("state", random.Next(8) switch { 0 => "WEIRD \"STATE\"", 1 => null, 2 => "PARTIAL", 3 => "NOT_AN_ENGINE_WORD", _ => "SUCCESS" }),
        };
        if (random.Next(4) > 0)
        {
            fields.Add(new("start_time_in_millis", random.Next(5) == 0 ? JsonValue.Create("1700000000000") : JsonValue.Create(1_700_000_000_000L + i)));
        }

        if (random.Next(4) > 0)
        {
            fields.Add(new("end_time_in_millis", random.Next(5) == 0 ? 0 : 1_700_000_100_000L + i));
        }

        if (random.Next(6) == 0)
        {
            fields.Add(new("failures", new JsonArray(new JsonObject { ["reason"] = $"shard {i} lost" })));
        }

        return new JsonObject(fields.OrderBy(_ => random.Next()));
    }
}
