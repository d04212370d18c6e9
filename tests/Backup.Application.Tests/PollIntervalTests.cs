using Backup.Application.Backups.Taking;

namespace Backup.Application.Tests;

public sealed class PollIntervalTests
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    [TestCase(100, 0, 0.0, 1.0, 200, TestName = "Without progress figures the wait doubles")]
    [TestCase(4000, 0, 0.0, 1.0, 5000, TestName = "A doubling wait stops at Backup:MaxPollInterval")]
    [TestCase(800, 9000, 0.9, 0.1, 500, TestName = "A part nine tenths done after 9 s is looked at again in half its last second")]
    [TestCase(100, 1000, 0.1, 0.9, 4500, TestName = "A part a tenth done after 1 s is looked at again in half its remaining 9 s")]
    [TestCase(100, 1000, 0.01, 0.99, 5000, TestName = "A part far from done is looked at no more often than Backup:MaxPollInterval says")]
    [TestCase(800, 9990, 0.999, 0.001, 50, TestName = "A part about to end is looked at after the shortest wait, never sooner")]
    [TestCase(50, 2000, 0.5, 0.0, 100, TestName = "A part all written but still being finalized is looked at less and less often")]
    public void Next_wait(int previousMs, int watchedMs, double doneWhileWatched, double left, int expectedMs)
    {
        var next = PollInterval.Next(
            TimeSpan.FromMilliseconds(previousMs), TimeSpan.FromMilliseconds(watchedMs), doneWhileWatched, left, Longest);

        Assert.That(next, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }
}
