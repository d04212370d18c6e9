using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi.Wire;
using Backup.Tests.Shared;

namespace Backup.Infrastructure.Tests;

/// <summary>
/// The listing's decoder reads the engine's answer as its bytes arrive: whatever the bytes come in, one at a time or
/// all together, it must read the very snapshots a whole-document parse finds.
/// </summary>
public sealed class SnapshotListingReaderTests
{
    private static readonly string[] Names =
        ["camunda_operate_123_8.7.0_part_1_of_6", "camunda_tasklist_45_8.8.0_part_2_of_3", "camunda_operate_9_8.7.0_part_6_of_6"];

    private static readonly int[] ChunkSizes = [1, 2, 7, 64, 4096, int.MaxValue];

    [TestCase("es8-get-snapshots.json")]
    [TestCase("es7-get-snapshots.json")]
    [TestCase("os2-get-snapshots.json")]
    public async Task Reads_the_engines_whole_answer_however_its_bytes_arrive(string fixture)
    {
        var answer = Fixtures.SnapshotsNamed(fixture, Names);
        var expected = JsonNode.Parse(answer)!["snapshots"]!.AsArray().Select(s => (
            Name: s!["snapshot"]!.GetValue<string>(),
            State: s["state"]!.GetValue<string>(),
            Start: DateTimeOffset.FromUnixTimeMilliseconds(s["start_time_in_millis"]!.GetValue<long>()),
            End: DateTimeOffset.FromUnixTimeMilliseconds(s["end_time_in_millis"]!.GetValue<long>()))).ToList();

        foreach (var chunk in ChunkSizes)
        {
            var (snapshots, next) = await TrickledListing.ReadAsync(answer, chunk);

            Assert.That(next, Is.Null);
            Assert.That(
                snapshots.Select(s => (s.Name.ToString(), s.EngineState!, s.StartTime!.Value, s.EndTime!.Value)),
                Is.EqualTo(expected),
                $"read {chunk} bytes at a time");
            Assert.That(snapshots.Select(s => s.Failures), Is.All.Empty);
        }
    }

    [Test]
    public async Task Reads_the_failures_reasons_and_the_next_pages_cursor_wherever_they_are()
    {
        const string answer = """
            {"next":"bmV4dA==","snapshots":[
              {"state":"PARTIAL","failures":[{"index":"a","reason":"shard lost"},{"reason":"node left","status":"x"},{"index":"b"}],
               "snapshot":"camunda_operate_7_8.7.0_part_1_of_2","start_time_in_millis":"1700000000000","end_time_in_millis":0},
              {"snapshot":"camunda\u005Foperate_7_8.7.0_part_2_of_2","state":"IN_PROGRESS","start_time_in_millis":1700000001000}
            ],"total":2}
            """;

        foreach (var chunk in ChunkSizes)
        {
            var (snapshots, next) = await TrickledListing.ReadAsync(answer, chunk);

            Assert.That(next, Is.EqualTo("bmV4dA=="));
            Assert.That(snapshots.Select(s => s.Name.ToString()), Is.EqualTo(new[] { "camunda_operate_7_8.7.0_part_1_of_2", "camunda_operate_7_8.7.0_part_2_of_2" }));
            Assert.Multiple(() =>
            {
                Assert.That(snapshots[0].Failures, Is.EqualTo(new[] { "shard lost", "node left", "" }));
                Assert.That(snapshots[0].StartTime, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)), "a time given as a numeric string");
                Assert.That(snapshots[0].EndTime, Is.Null, "0 is no time");
                Assert.That(snapshots[1].State, Is.EqualTo(SnapshotState.InProgress));
                Assert.That(snapshots[1].EndTime, Is.Null);
            });
        }
    }

    [Test]
    public async Task A_snapshot_larger_than_the_read_buffer_is_read_whole()
    {
        var reasons = Enumerable.Range(0, 5_000).Select(i => new JsonObject { ["reason"] = $"shard {i} failed: " + new string('x', 40) });
        var answer = new JsonObject
        {
            ["snapshots"] = new JsonArray(
                new JsonObject { ["snapshot"] = Names[0], ["state"] = "FAILED", ["failures"] = new JsonArray([.. reasons]) },
                new JsonObject { ["snapshot"] = Names[1], ["state"] = "SUCCESS" }),
        }.ToJsonString();
        Assert.That(answer, Has.Length.GreaterThan(256 * 1024));

        var (snapshots, _) = await TrickledListing.ReadAsync(answer, 4096);

        Assert.That(snapshots.Select(s => s.Name.ToString()), Is.EqualTo(Names[..2]));
        Assert.That(snapshots[0].Failures, Has.Count.EqualTo(5_000));
        Assert.That(snapshots[0].Failures![4_999], Does.StartWith("shard 4999 failed"));
    }

    [Test]
    public async Task Names_this_service_did_not_write_are_left_out_and_a_names_only_listing_has_no_failures_to_tell()
    {
        const string answer = """
            {"snapshots":[{"snapshot":"nightly-snap-2024.01.01","state":"SUCCESS"},{"snapshot":"camunda_operate_08_8.7.0_part_1_of_1","state":"SUCCESS"},
              {"snapshot":"camunda_operate_8_8.7.0_part_1_of_1","state":"SUCCESS"},{"snapshot":null},{"state":"SUCCESS"}]}
            """;

        var (snapshots, _) = await TrickledListing.ReadAsync(answer, 3, verbose: false);

        Assert.That(snapshots.Select(s => s.Name.ToString()), Is.EqualTo(new[] { "camunda_operate_8_8.7.0_part_1_of_1" }));
        Assert.That(snapshots[0].Failures, Is.Null);
    }

    [TestCase("""{"snapshots":[{"snapshot":"camunda_operate_8_8.7.0_part_1_of_1","state":"SUCCESS"}""")]
    [TestCase("""{"snapshots":{}}""")]
    [TestCase("""[]""")]
    [TestCase("")]
    public void An_answer_that_is_not_a_whole_listing_is_an_error_not_a_shorter_list(string answer)
    {
        Assert.ThrowsAsync(Is.InstanceOf<JsonException>(), () => TrickledListing.ReadAsync(answer, 5));
        Assert.Throws(Is.InstanceOf<JsonException>(), () => SnapshotListingReader.Read(Encoding.UTF8.GetBytes(answer), [], verbose: true), "read whole");
    }
}
