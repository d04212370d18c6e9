using System.Text.Json;
using Backup.Api.Contracts;
using Backup.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Backup.Api.Tests;

public sealed class ListAnswerStreamingTests
{
    private const int MostHeldBack = 256 * 1024;

    [Test]
    public async Task A_long_list_is_sent_as_it_is_written_never_more_than_256_KB_held_back()
    {
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        IReadOnlyList<BackupReport> reports =
        [
            .. Enumerable.Range(1, 3_000).Select(id => BackupReport.Of(
                BackupId.Create(id).Value,
                Enumerable.Range(1, 6).Select(part => new Snapshot(new SnapshotName(Component.Operate, BackupId.Create(id).Value, "8.7.0", part, 6), "SUCCESS", now, now, [])),
                now,
                TimeSpan.FromMinutes(5))),
        ];
        var body = new FlushRecordingStream();
        var http = new DefaultHttpContext { Response = { Body = body } };

        await new BackupListResult(reports).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        var sentAt = body.LengthsAtFlush.Distinct().ToList();
        var gaps = sentAt.Zip(sentAt.Skip(1), (before, after) => after - before).Prepend(sentAt[0]).ToList();
        Assert.That(sentAt[^1], Is.EqualTo(body.Length), "all of it sent");
        Assert.That(sentAt, Has.Count.GreaterThan(4), "sent in pieces while written");
        Assert.That(gaps, Has.All.LessThan(MostHeldBack + 4 * 1024), "no piece much over 256 KB: one backup at most past it");
        Assert.That(JsonDocument.Parse(body.ToArray()).RootElement.GetArrayLength(), Is.EqualTo(3_000));
    }

    /// <summary>A response body that notes how much had reached it each time it was flushed.</summary>
    private sealed class FlushRecordingStream : MemoryStream
    {
        public List<long> LengthsAtFlush { get; } = [];

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            LengthsAtFlush.Add(Length);
            return Task.CompletedTask;
        }
    }
}
