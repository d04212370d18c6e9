using System.Net;
using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.Platform;

/// <summary>
/// Two replicas asked for platform backups of different ids at the same moment, round after round: one runs, the other
/// is refused and leaves no run behind, as the engine's own records show. In the first half they race for a free lock;
/// in the second, the engine refuses every release of the lock, so they race to take over the lock the backup before
/// still holds though it has ended.
/// </summary>
[TestFixture(EngineFlavor.Elasticsearch8, "8.8")]
[TestFixture(EngineFlavor.OpenSearch2, "8.7")]
public sealed class PlatformRaceTests(EngineFlavor flavor, string line)
{
    private const int Rounds = 10;

    [Test]
    public async Task Two_replicas_asked_at_once_take_one_platform_backup_and_the_other_leaves_nothing()
    {
        await using var stack = await PlatformStack.StartAsync(flavor, line);
        // A lease far longer than the test: no recovery takes over a lock left behind meanwhile.
        using var first = await stack.StartServiceAsync(LongLease);
        using var second = await stack.StartServiceAsync(LongLease);
        for (var round = 0; round < Rounds; round++)
        {
            if (round == Rounds / 2)
            {
                stack.RefuseLockReleases();
            }

            if (round > Rounds / 2)
            {
                Assert.That(await stack.IsLockedAsync(), Is.True, $"round {round}: the lock the backup before left behind");
            }

            var (a, b) = (stack.Engine.NewBackupId(), stack.Engine.NewBackupId());
            var answers = await SendTogetherAsync([(first, a), (second, b)]);

            var accepted = answers.Where(r => r.Status == HttpStatusCode.Accepted).ToList();
            Assert.That(accepted, Has.Count.EqualTo(1), $"round {round}: {string.Join("; ", answers.Select(r => $"{r.Id} {r.Status} {r.Body}"))}");
            var refused = answers.Single(r => r.Status != HttpStatusCode.Accepted);
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Body);

            var settled = await PlatformStack.WaitUntilSettledAsync(first.Http, accepted[0].Id);
            Assert.That((string?)settled["state"], Is.EqualTo("COMPLETED"), settled.ToJsonString());
            // The next round starts as soon as the run shows COMPLETED, as a user's next create would.
            Assert.That(await stack.RecordAsync(refused.Id), Is.Null, $"round {round}: the refused id {refused.Id} left a run in the engine");
            Assert.That(await stack.Engine.SnapshotNamesAsync($"camunda_*_{refused.Id}_*"), Is.Empty, $"round {round}: the refused id left snapshots");
        }
    }

    private static void LongLease(Dictionary<string, string> settings) => settings["Platform__LeaseDuration"] = "00:05:00";

    /// <summary>One thread per create, all released at once by a barrier, so that the creates really race.</summary>
    private static async Task<(long Id, HttpStatusCode Status, string Body)[]> SendTogetherAsync((ServiceProcess Service, long Id)[] creates)
    {
        using var barrier = new Barrier(creates.Length);
        var sends = creates.Select(c => Task.Factory.StartNew(
            () =>
            {
                barrier.SignalAndWait();
                return PlatformStack.CreateAsync(c.Service, c.Id);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        var responses = await Task.WhenAll(sends);
        return await Task.WhenAll(responses.Select(async (response, i) =>
        {
            using (response)
            {
                return (creates[i].Id, response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }));
    }
}
