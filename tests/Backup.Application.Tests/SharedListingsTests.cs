using Backup.Application.Abstractions;
using Backup.Application.Backups.ListBackups;
using Backup.Domain;
using Moq;

namespace Backup.Application.Tests;

public sealed class SharedListingsTests
{
    private const int Askers = 16;

    [Test]
    [Repeat(20)]
    public async Task Identical_listings_asked_at_once_share_one_engine_read()
    {
        var engine = new Mock<ISnapshotRepository>();
        var answer = new TaskCompletionSource<Result<IReadOnlyList<Snapshot>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Setup(e => e.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), true, It.IsAny<CancellationToken>())).Returns(answer.Task);
        using var harness = new Harness();
        var listings = new SharedListings(harness.Options, harness.Metrics);

        var asked = new Task<Result<IReadOnlyList<Snapshot>>>[Askers];
        using var start = new Barrier(Askers);
        var threads = Enumerable.Range(0, Askers).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            asked[i] = listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        answer.SetResult(Result.Success<IReadOnlyList<Snapshot>>([]));
        var results = await Task.WhenAll(asked);

        Assert.That(results, Has.All.Matches<Result<IReadOnlyList<Snapshot>>>(r => r.IsSuccess));
        engine.Verify(e => e.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_shared_read_that_outlasts_Backup_RequestTimeout_answers_every_asker_502_instead_of_throwing()
    {
        var engine = new Mock<ISnapshotRepository>();
        engine.Setup(e => e.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), true, It.IsAny<CancellationToken>()))
            .Returns(async (SnapshotSelection _, bool _, CancellationToken token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return Result.Success<IReadOnlyList<Snapshot>>([]);
            });
        using var harness = new Harness();
        harness.Options.Value.RequestTimeout = TimeSpan.FromMilliseconds(100);
        var listings = new SharedListings(harness.Options, harness.Metrics);

        var first = listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None);
        var joined = listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None);
        var answers = await Task.WhenAll(first, joined).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(answers.Select(a => a.Error?.Kind), Is.All.EqualTo(ErrorKind.EngineUnreachable));
        Assert.That(answers[1].Error!.Message, Does.StartWith("The engine did not answer within 0.1 s (Backup:RequestTimeout)"));
    }

    [Test]
    public async Task A_listing_asked_after_the_last_one_ended_reads_again_and_other_listings_are_not_shared()
    {
        var engine = new Mock<ISnapshotRepository>();
        engine.Setup(e => e.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result.Success<IReadOnlyList<Snapshot>>([]));
        using var harness = new Harness();
        var listings = new SharedListings(harness.Options, harness.Metrics);

        await listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None);
        await listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None);
        await listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), false, CancellationToken.None);

        engine.Verify(e => e.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), true, It.IsAny<CancellationToken>()), Times.Exactly(2));
        engine.Verify(e => e.GetSnapshotsAsync(Port.Selecting("camunda_operate_*"), false, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task One_asker_giving_up_does_not_cancel_the_read_the_others_wait_for()
    {
        var engine = new Mock<ISnapshotRepository>();
        var answer = new TaskCompletionSource<Result<IReadOnlyList<Snapshot>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Setup(e => e.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>())).Returns(answer.Task);
        using var harness = new Harness();
        var listings = new SharedListings(harness.Options, harness.Metrics);
        using var leaving = new CancellationTokenSource();

        var first = listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), true, leaving.Token);
        var second = listings.GetSnapshotsAsync(engine.Object, SnapshotSelection.AllOf(Component.Operate), true, CancellationToken.None);
        await leaving.CancelAsync();
        answer.SetResult(Result.Success<IReadOnlyList<Snapshot>>([]));

        Assert.That(async () => await first, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await second).IsSuccess, Is.True);
    }
}
