using Microsoft.Extensions.Time.Testing;

namespace Backup.Application.Tests;

/// <summary>
/// A fake clock that knows when code waits on it and until when, so a test moves time on exactly to the next moment
/// the code waits for, never racing it and never guessing.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset? start = null) : FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)), IDisposable
{
    private readonly SemaphoreSlim _waits = new(0);
    private readonly List<DateTimeOffset> _due = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_due)
        {
            _due.Add(GetUtcNow() + dueTime);
        }

        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Release();
        return timer;
    }

    public void Dispose() => _waits.Dispose();

    /// <summary>Each time the code waits on the clock, moves time on to when it wants to wake up, until <paramref name="work"/> ends.</summary>
    public async Task RunAsync(Task work)
    {
        for (var steps = 0; !work.IsCompleted; steps++)
        {
            Assert.That(steps, Is.LessThan(10_000), () => $"the code kept waiting on the clock and never finished; now {GetUtcNow():O}, due {string.Join(", ", _due.Take(5).Select(d => d.ToString("O")))}");
            var waiting = _waits.WaitAsync(TimeSpan.FromSeconds(10));
            if (await Task.WhenAny(work, waiting) == work)
            {
                break;
            }

            Assert.That(await waiting, Is.True, "the code neither finished nor waited on the clock");
            DateTimeOffset next;
            lock (_due)
            {
                next = _due.Min();
                _due.Remove(next);
            }

            if (next > GetUtcNow())
            {
                Advance(next - GetUtcNow());
            }
        }

        await work.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
