using System.Net;
using Backup.Domain;
using Backup.Infrastructure.SnapshotApi;

namespace Backup.Infrastructure.Tests;

/// <summary>Elasticsearch's verbose listing, a page at a time, with the next page asked for while this one is decoded.</summary>
public sealed class PagedListingTests
{
    private const string Page2 = "cGFnZTI=";
    private const string Part1 = "camunda_operate_1_8.7.0_part_1_of_2";
    private const string Part2 = "camunda_operate_1_8.7.0_part_2_of_2";
    private const string Part3 = "camunda_operate_2_8.7.0_part_1_of_2";

    private static readonly string SecondPage = $$"""{"snapshots":[{{Snapshot(Part3)}}]}""";

    [Test]
    public async Task The_next_page_is_asked_for_before_this_one_is_decoded()
    {
        var (listed, decodedWhenAsked, requests) = await ListAsync(
            $$"""{"snapshots":[{{Snapshot(Part1)}},{{Snapshot(Part2)}}],"next":"{{Page2}}"}""", SecondPage);

        Assert.That(listed.IsSuccess, Is.True, () => listed.Error?.Message ?? "");
        Assert.That(decodedWhenAsked, Is.EqualTo(new[] { 0, 0 }), "snapshots decoded when each page was asked for");
        Assert.That(requests[1], Does.EndWith($"&after={Uri.EscapeDataString(Page2)}"));
    }

    [Test]
    public async Task Without_next_as_the_answers_last_member_the_next_page_is_asked_for_once_this_one_is_decoded()
    {
        var (listed, decodedWhenAsked, requests) = await ListAsync(
            $$"""{"snapshots":[{{Snapshot(Part1)}},{{Snapshot(Part2)}}],"next":"{{Page2}}","total":3,"remaining":1}""", SecondPage);

        Assert.That(listed.IsSuccess, Is.True, () => listed.Error?.Message ?? "");
        Assert.That(decodedWhenAsked, Is.EqualTo(new[] { 0, 2 }));
        Assert.That(requests[1], Does.EndWith($"&after={Uri.EscapeDataString(Page2)}"));
    }

    [Test]
    public async Task A_page_that_cannot_be_read_fails_the_listing_though_the_next_was_already_asked_for()
    {
        var (listed, _, requests) = await ListAsync($$$"""{"snapshots":[{"snapshot":{"not":"a name"}}],"next":"{{{Page2}}}"}""", SecondPage);

        Assert.That(listed.IsSuccess, Is.False);
        Assert.That(listed.Error!.Kind, Is.EqualTo(ErrorKind.EngineFailure));
        Assert.That(listed.Error!.Message, Does.Contain("cannot read"));
        Assert.That(requests, Has.Count.LessThanOrEqualTo(2), "no page after the one asked for ahead");
    }

    [Test]
    public async Task A_later_page_the_engine_refuses_fails_the_listing_with_its_reason()
    {
        const string Refused = """{"error":{"root_cause":[],"type":"illegal_argument_exception","reason":"cannot use after here"},"status":400}""";

        var (listed, _, requests) = await ListAsync(
            $$"""{"snapshots":[{{Snapshot(Part1)}}],"next":"{{Page2}}"}""", Refused, secondStatus: HttpStatusCode.BadRequest);

        Assert.That(listed.IsSuccess, Is.False);
        Assert.That(listed.Error!.Message, Does.Contain("cannot use after here"));
        Assert.That(requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Every_page_is_followed_and_read_once_in_the_engines_order()
    {
        var pages = Enumerable.Range(1, 5).Select(i => (Name: $"camunda_operate_{i}_8.7.0_part_1_of_1", Next: i < 5 ? $"cGFnZT{i}=" : null)).ToList();
        using var adapter = new Adapter(DatabaseType.Elasticsearch);
        adapter.Engine.Answer = request =>
        {
            var after = request.RequestUri!.Query.Split("&after=") is [_, var token] ? Uri.UnescapeDataString(token) : null;
            var page = pages[after is null ? 0 : pages.FindIndex(p => p.Next == after) + 1];
            var next = page.Next is null ? "" : $",\"next\":\"{page.Next}\"";
            return StubEngine.Json(HttpStatusCode.OK, $$"""{"snapshots":[{{Snapshot(page.Name)}}]{{next}}}""");
        };

        var snapshots = (await adapter.Repository.GetSnapshotsAsync(SnapshotSelection.AllOf(Component.Operate), verbose: true, CancellationToken.None)).Value;

        Assert.That(snapshots.Select(s => s.Name.ToString()), Is.EqualTo(pages.Select(p => p.Name)));
        Assert.That(adapter.Engine.Requests, Has.Count.EqualTo(5));
    }

    private static string Snapshot(string name) =>
        $$"""{"snapshot":"{{name}}","state":"SUCCESS","start_time_in_millis":1700000000000,"end_time_in_millis":1700000001000}""";

    /// <summary>
    /// Lists through two pages of the stub engine, the second asked for with the first's <c>next</c>; records how many
    /// snapshots had been decoded when each page was asked for.
    /// </summary>
    private static async Task<(Result Listed, IReadOnlyList<int> DecodedWhenAsked, IReadOnlyList<string> Requests)> ListAsync(
        string firstPage, string secondPage, HttpStatusCode secondStatus = HttpStatusCode.OK)
    {
        using var adapter = new Adapter(DatabaseType.Elasticsearch);
        var into = new List<Snapshot>();
        var decodedWhenAsked = new List<int>();
        adapter.Engine.Answer = request =>
        {
            lock (decodedWhenAsked)
            {
                decodedWhenAsked.Add(into.Count);
            }

            return request.RequestUri!.Query.Contains("&after=", StringComparison.Ordinal)
                ? StubEngine.Json(secondStatus, secondPage)
                : StubEngine.Json(HttpStatusCode.OK, firstPage);
        };

        var listed = await new PagedListing(adapter.Calls, "reading the snapshots").ReadAsync(
            after => $"_snapshot/my_repository/camunda_operate_*?sort=name&size=2" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"),
            into,
            verbose: true,
            CancellationToken.None);
        return (listed, decodedWhenAsked, [.. adapter.Engine.Requests.Select(r => r.PathAndQuery)]);
    }
}
