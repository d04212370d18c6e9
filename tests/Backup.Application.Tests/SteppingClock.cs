using Microsoft.Extensions.Time.Testing;

namespace Backup.Application.Tests;

/// <summary>
/// A fake clock that knows when code waits on it and until when, so a test moves time on exactly to the next moment
/// the code waits for, never racing it and never guessing.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset? start = null) : FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero))
{
    /// <summary>Only code that hangs takes this long to finish or wait on the clock; slow code (a loaded machine) is waited for.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _due = [];
    private TaskCompletionSource _waited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var due = GetUtcNow() + dueTime;
        // Counted only once set: time moved on to a wait not yet set would not end it.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource waited;
        lock (_gate)
        {
            _due.Add(due);
            waited = _waited;
            _waited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        waited.SetResult();
        return timer;
    }

    /// <summary>Each time the code waits on the clock, moves time on to when it wants to wake up, until <paramref name="work"/> ends.</summary>
    public async Task RunAsync(Task work)
    {
        for (var steps = 0; !work.IsCompleted;)
        {
            DateTimeOffset? next = null;
            Task waited;
            lock (_gate)
            {
                // The waits are counted, not handed out one signal each: the code may go on, on its own thread, after
                // the clock moved, end the work and wait again; a signal taken by a wait given up because the work
                // ended first was lost, and the next run never saw the code wait.
                if (_due.Count > 0)
                {
                    next = _due.Min();
                    _due.Remove(next.Value);
                }

                waited = _waited.Task;
            }

            if (next is { } wakeUp)
            {
                Assert.That(++steps, Is.LessThan(10_000), () => $"the code kept waiting on the clock and never finished; now {GetUtcNow():O}, due {Due()}");
                if (wakeUp > GetUtcNow())
                {
                    Advance(wakeUp - GetUtcNow());
                }

                continue;
            }

            try
            {
                await Task.WhenAny(work, waited).WaitAsync(Hang);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"the code neither finished nor waited on the clock for {Hang}: it hangs; now {GetUtcNow():O}");
            }
        }

        await work;
    }

    private string Due()
    {
        lock (_gate)
        {
            return string.Join(", ", _due.Order().Take(5).Select(d => d.ToString("O")));
        }
    }
}
