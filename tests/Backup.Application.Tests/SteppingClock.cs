using Microsoft.Extensions.Time.Testing;

namespace Backup.Application.Tests;

/// <summary>
/// A fake clock that tells when code starts waiting on it, so a test moves time on exactly when the code under test
/// waits, never racing it.
/// </summary>
internal sealed class SteppingClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)), IDisposable
{
    private readonly SemaphoreSlim _waits = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Release();
        return timer;
    }

    public void Dispose() => _waits.Dispose();

    /// <summary>Moves time on by <paramref name="step"/> each time the code waits, until <paramref name="work"/> ends.</summary>
    public async Task RunAsync(Task work, TimeSpan? step = null)
    {
        for (var steps = 0; !work.IsCompleted; steps++)
        {
            Assert.That(steps, Is.LessThan(10_000), "the code kept waiting on the clock and never finished");
            var waiting = _waits.WaitAsync(TimeSpan.FromSeconds(10));
            if (await Task.WhenAny(work, waiting) == work)
            {
                break;
            }

            Assert.That(await waiting, Is.True, "the code neither finished nor waited on the clock");
            Advance(step ?? TimeSpan.FromSeconds(5));
        }

        await work.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
