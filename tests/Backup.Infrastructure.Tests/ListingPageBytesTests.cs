using System.Text;
using Backup.Infrastructure.SnapshotApi.Wire;

namespace Backup.Infrastructure.Tests;

public sealed class ListingPageBytesTests
{
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"next":"cGFnZTI="}""", "cGFnZTI=")]
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"next":"cGFnZTI="}""" + "\n ", "cGFnZTI=")]
    [TestCase("""{"next":"YS1fYg=="}""", "YS1fYg==")]
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"next":"cGFnZTI=","total":2}""", null)]
    [TestCase("""{"snapshots":[{"snapshot":"a"}]}""", null)]
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"next":null}""", null)]
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"x":{"next":"cGFnZTI="}}""", null)]
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"x":"a,\"next\":\"cGFnZTI="}""", null)]
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"next":"cGF nZTI="}""", null)]
    [TestCase("{\"snapshots\":[],\"next\":\"cGF\u00e9\"}", null)]
    [TestCase("""{"snapshots":[{"snapshot":"a"}],"unnext":"cGFnZTI="}""", null)]
    [TestCase("\"next\":\"cGFnZTI=\"}", null)]
    [TestCase("", null)]
    public async Task The_next_written_as_the_answers_last_member_is_found_at_its_end(string answer, string? next)
    {
        using var page = await ReadAsync(Encoding.UTF8.GetBytes(answer), chunk: 7);

        Assert.That(page.NextAtEnd(), Is.EqualTo(next));
    }

    [Test]
    public async Task A_page_is_read_whole_byte_for_byte_whatever_the_chunks_it_arrives_in()
    {
        var snapshots = string.Join(',', Enumerable.Range(1, 5_000).Select(i => $$"""{"snapshot":"camunda_operate_{{i}}_8.7.0_part_1_of_6","state":"SUCCESS"}"""));
        var answer = Encoding.UTF8.GetBytes($$"""{"snapshots":[{{snapshots}}],"next":"bmV4dA=="}""");
        Assert.That(answer, Has.Length.GreaterThan(4 * 64 * 1024), "larger than the first buffer, grown more than once");

        foreach (var chunk in new[] { 1_000, 64 * 1024, answer.Length })
        {
            using var page = await ReadAsync(answer, chunk);
            Assert.That(page.Span.ToArray(), Is.EqualTo(answer), $"chunks of {chunk} bytes");
            Assert.That(page.NextAtEnd(), Is.EqualTo("bmV4dA=="));
        }
    }

    private static async Task<ListingPageBytes> ReadAsync(byte[] answer, int chunk) =>
        (await ListingPageBytes.ReadAsync(new TrickleStream(answer, chunk), CancellationToken.None))!;
}
