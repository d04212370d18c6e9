using System.Globalization;
using System.Text;
using System.Text.Json;
using Backup.Api.Contracts;
using Backup.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Backup.Api.Tests;

public sealed class ContractTests
{
    private static readonly JsonSerializerOptions AsTheApiWrites =
        new(JsonSerializerDefaults.Web) { TypeInfoResolver = ApiJsonContext.Default, Encoder = BackupListResult.Encoder };

    [Test]
    public void Start_times_are_written_in_the_originals_format_in_utc()
    {
        var random = new Random(7);
        var name = new SnapshotName(Component.Operate, BackupId.Create(1).Value, "8.7.0", 1, 6);
        var offsets = new[] { TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromHours(-9.5) };
        for (var i = 0; i < 2_000; i++)
        {
            var utc = new DateTime(random.NextInt64(DateTime.MinValue.AddDays(1).Ticks, DateTime.MaxValue.AddDays(-1).Ticks), DateTimeKind.Utc);
            var offset = offsets[i % offsets.Length];
            var time = new DateTimeOffset(utc.Ticks + offset.Ticks, offset);

            var written = SnapshotDetail.From(new Snapshot(name, "SUCCESS", time, null, [])).StartTime;

            Assert.That(written, Is.EqualTo(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture)));
        }
    }

    [TestCase(false)]
    [TestCase(true, TestName = "The list answer names each backup's component exactly as its own answer does")]
    public async Task The_list_answer_is_each_backup_exactly_as_its_own_answer_writes_it_with_plus_written_as_itself(bool namesComponents)
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 10, 10, 100, TimeSpan.Zero);
        Snapshot Part(long id, int part, string? state, DateTimeOffset? start, IReadOnlyList<string>? failures, string version = "8.7.0") =>
            new(new SnapshotName(Component.Operate, BackupId.Create(id).Value, version, part, 6), state, start, start?.AddSeconds(1), failures);
        IReadOnlyList<BackupReport> reports =
        [
            BackupReport.Of(BackupId.Create(9).Value, Enumerable.Range(1, 6).Select(p => Part(9, p, "SUCCESS", now, [])), now, TimeSpan.FromMinutes(5)),
            BackupReport.Of(BackupId.Create(8).Value, [Part(8, 1, "FAILED", now, ["shard <0> failed: \"disk\" & more"], "8.7.0+hotfix")], now, TimeSpan.FromMinutes(5)),
            BackupReport.Of(BackupId.Create(7).Value, [Part(7, 1, "SUCCESS", null, null), Part(7, 2, null, null, null), Part(7, 3, "NEW \"<WORD>\"", null, null)], now, TimeSpan.FromMinutes(5)),
            BackupReport.Of(
                BackupId.Create(long.MaxValue).Value,
                Enumerable.Range(1, 40).Select(p => new Snapshot(new SnapshotName(Component.Operate, BackupId.Create(long.MaxValue).Value, new string('9', 64), p, 40), "SUCCESS", now, now, [])),
                now,
                TimeSpan.FromMinutes(5)),
            BackupReport.Of(BackupId.Create(6).Value, [Part(6, 1, "SUCCESS", now, null, "8.7 \"é\"\\"), Part(6, 2, new string('S', 40), null, [])], now, TimeSpan.FromMinutes(5)),
            // Parts as no engine lists them, for the plain writer's shortcuts: state words that change from part to part, one
            // string of a word and another of the same word, versions that change, part numbers of more digits.
            new BackupReport(
                BackupId.Create(5).Value,
                BackupState.InProgress,
                null,
                [
                    .. Enumerable.Range(1, 4).Select(p => Part(5, p, p % 2 == 0 ? "FAILED" : new string("SUCCESS".AsSpan()), now, [], p == 3 ? "8.8.0" : "8.7.0")),
                    Part(5, 5, null, null, null), Part(5, 10, "SUCCESS", now, [], "8.8.0"), Part(5, 11, "PARTIAL", null, null),
                ]),
        ];
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };

        await new BackupListResult(reports, namesComponents).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        var written = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        Assert.That(written, Is.EqualTo(JsonSerializer.Serialize<IReadOnlyList<BackupStateResponse>>([.. reports.Select(r => BackupStateResponse.From(r, namesComponents))], AsTheApiWrites)));
        Assert.That(written, Does.Contain("10:10:10.100+0000").And.Contain("8.7.0+hotfix"));
    }

    [Test]
    public async Task Backups_alike_but_for_their_ids_are_each_written_exactly_as_their_own_answer_writes_them()
    {
        var random = new Random(19);
        var now = new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero);
        T Any<T>(params T[] choices) => choices[random.Next(choices.Length)];
        for (var list = 0; list < 300; list++)
        {
            // Runs of backups as a names-only listing gives them: most alike but for their ids (which now and then gain
            // a digit), some unlike the one before in one way: parts, a part missing, version, start, a part's state or
            // failures, the backup's state or failure reason, component.
            var namesComponents = list % 2 == 0;
            var id = Any(95L, 999_990L);
            var reports = new List<BackupReport>();
            for (var backup = 0; backup < 12; backup++)
            {
                id += random.Next(1, 4);
                var unlike = random.Next(18);
                var count = unlike == 0 ? Any(3, 40) : 6;
                var odd = random.Next(1, count + 1);
                var parts = Enumerable.Range(1, count).Where(part => unlike != 8 || part != odd).Select(part => new Snapshot(
                    new SnapshotName(unlike == 1 ? Component.Tasklist : Component.Operate, BackupId.Create(id).Value, unlike == 2 ? "8.8.0" : "8.7.0", part, count),
                    unlike == 3 && part == odd ? Any("IN_PROGRESS", "FAILED", null) : "SUCCESS",
                    unlike == 4 ? Any(now, now.AddSeconds(1)) : null,
                    null,
                    unlike == 5 && part == odd ? Any<IReadOnlyList<string>>([], ["shard <0> failed"]) : null));
                reports.Add(new BackupReport(
                    BackupId.Create(id).Value,
                    unlike == 6 ? Any(BackupState.Incomplete, BackupState.Failed) : BackupState.Completed,
                    unlike == 7 ? "reason" : null,
                    [.. parts]));
            }

            var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
            await new BackupListResult(reports, namesComponents).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

            var written = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
            var expected = JsonSerializer.Serialize<IReadOnlyList<BackupStateResponse>>([.. reports.Select(r => BackupStateResponse.From(r, namesComponents))], AsTheApiWrites);
            Assert.That(written, Is.EqualTo(expected), $"list {list}");
        }
    }
}
